package org.dualpay.order.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.seata.core.context.RootContext;
import org.dualpay.order.domain.Order;
import org.dualpay.order.domain.OrderLine;
import org.dualpay.order.domain.OrderStatus;
import org.dualpay.order.domain.Transition;
import org.springframework.stereotype.Component;

/** Reads and writes orders through the mappers and hands out domain objects. */
@Component
public class OrderStore {

    private final OrderMapper orders;
    private final OrderItemMapper items;
    private final TimelineMapper timeline;

    public OrderStore(OrderMapper orders, OrderItemMapper items, TimelineMapper timeline) {
        this.orders = orders;
        this.items = items;
        this.timeline = timeline;
    }

    public Optional<Order> find(String orderNo) {
        return Optional.ofNullable(orders.find(orderNo)).map(this::toDomain);
    }

    public Optional<OrderRow> findByIdempotencyKey(String key) {
        return Optional.ofNullable(orders.findByIdempotencyKey(key));
    }

    public List<Order> page(String userId, OrderStatus status, int page, int size) {
        return orders.page(userId, status, size, (long) page * size).stream()
                .map(this::toDomain).toList();
    }

    public List<Order> latest(int limit) {
        return orders.latest(limit).stream().map(this::toDomain).toList();
    }

    public long count(String userId, OrderStatus status) {
        return orders.count(userId, status);
    }

    /** Inserts a new order, its lines and its first timeline row. Call inside a transaction. */
    public void insert(OrderRow row, List<OrderLine> lines) {
        orders.insert(row);
        for (OrderLine line : lines) {
            OrderItemRow item = new OrderItemRow();
            item.orderNo = row.orderNo;
            item.skuCode = line.skuCode();
            item.skuName = line.skuName();
            item.unitPrice = line.unitPrice();
            item.quantity = line.quantity();
            item.amount = line.amount();
            items.insert(item);
        }
        record(row.orderNo, null, row.status, "CREATED", null, row.createdAt);
    }

    /** Writes the timeline row of a transition that was just applied; the XID is the current global one. */
    public void recordTransition(Transition transition, Instant at) {
        record(transition.orderNo(), transition.from(), transition.to(), transition.reason(), transition.detail(), at);
    }

    private void record(String orderNo, OrderStatus from, OrderStatus to, String reason, String detail, Instant at) {
        TimelineRow row = new TimelineRow();
        row.orderNo = orderNo;
        row.fromStatus = from;
        row.toStatus = to;
        row.reason = reason;
        row.detail = detail;
        row.xid = RootContext.getXID();
        row.createdAt = at;
        timeline.insert(row);
    }

    public OrderMapper orders() {
        return orders;
    }

    private Order toDomain(OrderRow row) {
        List<OrderLine> lines = items.findByOrder(row.orderNo).stream()
                .map(i -> new OrderLine(i.skuCode, i.skuName, i.unitPrice, i.quantity)).toList();
        List<Order.TimelineEntry> entries = timeline.findByOrder(row.orderNo).stream()
                .map(t -> new Order.TimelineEntry(t.fromStatus, t.toStatus, t.reason, t.detail, t.xid, t.createdAt))
                .toList();
        Order.PaymentRecord payment = row.paidOutTradeNo == null ? null
                : new Order.PaymentRecord(row.paidChannel, row.paidOutTradeNo, row.paidTradeNo, row.paidAt);
        return new Order(row.orderNo, row.userId, row.status, row.totalAmount, row.currency,
                row.expireAt, row.createdAt, lines, payment, entries);
    }
}
