package org.dualpay.order.web;

import org.dualpay.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;

import org.dualpay.order.domain.Order;

/** The order as engineers read it: lines, the payment that paid it and its timeline. */
record OrderView(String orderNo, String userId, OrderStatus status, long totalAmount, String currency,
        List<ItemView> items, Instant expireAt, Instant createdAt, PaymentView payment, List<TimelineView> timeline) {

    /** A new order, for the OpenAPI document. */
    static final String EXAMPLE_PENDING = """
            {"orderNo": "ORD20261206093012345K7QX0001", "userId": "u-1", "status": "PENDING_PAYMENT", "totalAmount": 39900,
             "currency": "CNY", "items": [{"skuCode": "SKU-KEYBOARD", "name": "Mechanical keyboard", "unitPrice": 39900,
             "quantity": 1, "amount": 39900}], "expireAt": "2026-12-06T09:45:12.345Z", "createdAt": "2026-12-06T09:30:12.345Z",
             "timeline": [{"to": "PENDING_PAYMENT", "reason": "CREATED", "at": "2026-12-06T09:30:12.345Z"}]}""";

    /** A paid order: the PAID move carries the XID of the global transaction, for the OpenAPI document. */
    static final String EXAMPLE_PAID = """
            {"orderNo": "ORD20261206093012345K7QX0001", "userId": "u-1", "status": "PAID", "totalAmount": 39900,
             "currency": "CNY", "items": [{"skuCode": "SKU-KEYBOARD", "name": "Mechanical keyboard", "unitPrice": 39900,
             "quantity": 1, "amount": 39900}], "expireAt": "2026-12-06T09:45:12.345Z", "createdAt": "2026-12-06T09:30:12.345Z",
             "payment": {"channel": "WECHAT", "outTradeNo": "PAY20261206093015001K7QX0002", "channelTradeNo": "4200001234",
             "paidAt": "2026-12-06T09:31:02Z"},
             "timeline": [{"to": "PENDING_PAYMENT", "reason": "CREATED", "at": "2026-12-06T09:30:12.345Z"},
             {"from": "PENDING_PAYMENT", "to": "PAID", "reason": "PAYMENT_CONFIRMED", "detail": "WECHAT 4200001234 PAY20261206093015001K7QX0002",
             "xid": "192.168.1.10:8091:2612345678901234", "at": "2026-12-06T09:31:03.120Z"}]}""";

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
