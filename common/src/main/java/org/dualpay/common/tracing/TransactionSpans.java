package org.dualpay.common.tracing;

import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.MDC;

/**
 * A payment story's keys on its spans: the Seata XID ({@value #XID}) and the order number
 * ({@value #ORDER_NO}), so that Zipkin finds one payment's trace by either
 * ({@code /api/v2/traces?annotationQuery=xid%3D<XID>}). The XID is the one Seata bound to this
 * thread (its {@code RootContext} keeps it in the MDC under {@value #XID_MDC}, which the log lines
 * print too): the transaction manager's inside its {@code @GlobalTransactional} method, a branch's
 * once Spring Cloud Alibaba read it from the {@code TX_XID} header.
 */
public class TransactionSpans {

    /** The span tag of the global transaction's id. */
    public static final String XID = "xid";
    /** The span tag of the order number. */
    public static final String ORDER_NO = "order.no";
    /** Where Seata's RootContext keeps the bound XID in the MDC. */
    public static final String XID_MDC = "X-TX-XID";

    private final Tracer tracer;

    public TransactionSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Runs a global transaction's work in a span of its own, named after the transaction and tagged
     * with its XID and order number: call it inside the {@code @GlobalTransactional} method, where
     * the XID is bound. The branches it calls through Feign are its children; the TC's commit or
     * rollback follows once it returns.
     */
    public <T> T globalTransaction(String name, String orderNo, Supplier<T> work) {
        Span span = tag(tracer.nextSpan().name(name), orderNo).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
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
}
