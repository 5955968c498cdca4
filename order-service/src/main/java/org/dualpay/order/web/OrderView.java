package org.dualpay.order.web;

import org.dualpay.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;

import org.dualpay.order.domain.Order;

/** The order as engineers read it: lines, the payment that paid it and its timeline. */
record OrderView(String orderNo, String userId, OrderStatus status, long totalAmount, String currency,
        List<ItemView> items, Instant expireAt, Instant createdAt, PaymentView payment, List<TimelineView> timeline) {

    record ItemView(String skuCode, String name, long unitPrice, int quantity, long amount) {
    }

    record PaymentView(String channel, String outTradeNo, String channelTradeNo, Instant paidAt) {
    }

    record TimelineView(OrderStatus from, OrderStatus to, String reason, String detail, String xid, Instant at) {
    }

    static OrderView of(Order order) {
        return new OrderView(order.orderNo(), order.userId(), order.status(), order.totalAmount(),
                order.currency(),
                order.lines().stream()
                        .map(l -> new ItemView(l.skuCode(), l.skuName(), l.unitPrice(), l.quantity(), l.amount()))
                        .toList(),
                order.expireAt(), order.createdAt(),
                order.payment() == null ? null
                        : new PaymentView(order.payment().channel(), order.payment().outTradeNo(),
                                order.payment().channelTradeNo(), order.payment().paidAt()),
                order.timeline().stream()
                        .map(t -> new TimelineView(t.from(), t.to(),
                                t.reason(), t.detail(), t.xid(), t.at()))
                        .toList());
    }
}
