package org.dualpay.common.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.MDC;

/**
 * A payment story's keys on its spans: the Seata XID ({@value #XID}) and the order number
 * ({@value #ORDER_NO}), so that Zipkin finds one payment's trace by either
 * ({@code /api/v2/traces?annotationQuery=xid%3D<XID>}). The XID is the one Seata bound to this
 * thread (its {@code RootContext} keeps it in the MDC under {@value #XID_MDC}, which the log lines
 * print too): the transaction manager's inside its {@code @GlobalTransactional} method, a branch's
 * once Spring Cloud Alibaba read it from the {@code TX_XID} header. Work that outlives its request
 * (a stored notify a worker processes later) keeps the request's trace: {@link #traceParent()} is
 * stored with it and {@link #resume} continues that trace.
 */
public class TransactionSpans {

    /** The span tag of the global transaction's id. */
    public static final String XID = "xid";
    /** The span tag of the order number. */
    public static final String ORDER_NO = "order.no";
    /** Where Seata's RootContext keeps the bound XID in the MDC. */
    public static final String XID_MDC = "X-TX-XID";

    /** The W3C header that names a span's trace and the span itself. */
    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TransactionSpans(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Runs a global transaction's work in a span of its own, named after the transaction and tagged
     * with its XID and order number: call it inside the {@code @GlobalTransactional} method, where
     * the XID is bound. The branches it calls through Feign are its children; the TC's commit or
     * rollback follows once it returns.
     */
    public <T> T globalTransaction(String name, String orderNo, Supplier<T> work) {
        return inSpan(tag(tracer.nextSpan().name(name), orderNo).start(), work);
    }

    /** Tags the span in scope (a branch's request, say) with the bound XID and the order number. */
    public void current(String orderNo) {
        Span span = tracer.currentSpan();
        if (span != null) {
            tag(span, orderNo);
        }
    }

    private static Span tag(Span span, String orderNo) {
        String xid = MDC.get(XID_MDC);
        if (xid != null && !xid.isBlank()) {
            span.tag(XID, xid);
        }
        if (orderNo != null && !orderNo.isBlank()) {
            span.tag(ORDER_NO, orderNo);
        }
        return span;
    }

    /** The span in scope as a W3C {@code traceparent}, to be stored with work done later; null outside a trace. */
    public String traceParent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        return headers.get(TRACEPARENT);
    }

    /**
     * Runs work that a request left for later in a span of the request's trace ({@link #traceParent()},
     * stored with the work), named {@code name}; without one, as it is.
     */
    public <T> T resume(String traceParent, String name, Supplier<T> work) {
        if (traceParent == null || traceParent.isBlank()) {
            return work.get();
        }
        return inSpan(propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get).name(name).start(), work);
    }

    /** Runs work with the started span in scope, and ends it (marked with the error, if any). */
    private <T> T inSpan(Span span, Supplier<T> work) {
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
