package org.dualpay.order.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine, in one place:
 *
 * <pre>
 * PENDING_PAYMENT -> PAID -> REFUNDING -> REFUNDED
 * PENDING_PAYMENT -> CANCELLED   (the shopper)
 * PENDING_PAYMENT -> CLOSED      (timeout, or out of stock at payment)
 * </pre>
 *
 * Every other move is refused. Persistence applies a move as a conditional update on the expected
 * current status, so a move that lost a race changes nothing.
 */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    CANCELLED,
    CLOSED,
    REFUNDING,
    REFUNDED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PENDING_PAYMENT, EnumSet.of(PAID, CANCELLED, CLOSED),
            PAID, EnumSet.of(REFUNDING),
            REFUNDING, EnumSet.of(REFUNDED),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            CLOSED, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class));

    public boolean canMoveTo(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
