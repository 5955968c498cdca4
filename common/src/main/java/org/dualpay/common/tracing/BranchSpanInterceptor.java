package org.dualpay.common.tracing;

import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Tags the server span of every request that arrives inside a global transaction (a branch: the
 * XID in the {@value #XID_HEADER} header, as Spring Cloud Alibaba's Feign interceptor sends it)
 * with that XID, and with the order number when the path names one ({@code {orderNo}}). A branch
 * whose order number travels in the body tags it itself ({@link TransactionSpans#current}).
 */
public class BranchSpanInterceptor implements HandlerInterceptor {

    /** Seata's RootContext.KEY_XID. */
    public static final String XID_HEADER = "TX_XID";

    private final Tracer tracer;

    public BranchSpanInterceptor(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String xid = request.getHeader(XID_HEADER);
        Span span = tracer.currentSpan();
        if (xid == null || xid.isBlank() || span == null) {
            return true;
        }
        span.tag(TransactionSpans.XID, xid);
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("orderNo") instanceof String orderNo) {
            span.tag(TransactionSpans.ORDER_NO, orderNo);
        }
        return true;
    }
}
