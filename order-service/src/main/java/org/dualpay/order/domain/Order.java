package org.dualpay.order.domain;

import java.time.Instant;
import java.util.List;

public record Order(String orderNo, String userId, OrderStatus status, long totalAmount, String currency,
        Instant expireAt, Instant createdAt, List<OrderLine> lines, PaymentRecord payment, List<TimelineEntry> timeline) {

    /** The channel payment that made the order PAID, or null. */
    public record PaymentRecord(String channel, String outTradeNo, String channelTradeNo, Instant paidAt) {
    }

    public record TimelineEntry(OrderStatus from, OrderStatus to, String reason, String detail, String xid, Instant at) {
    }
}
