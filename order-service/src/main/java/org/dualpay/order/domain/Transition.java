package org.dualpay.order.domain;

/** A requested move of one order, checked against {@link OrderStatus} before it is applied. */
public record Transition(String orderNo, OrderStatus from, OrderStatus to, String reason, String detail) {

    public Transition {
        if (!from.canMoveTo(to)) {
            throw new IllegalTransitionException(from, to);
        }
    }
}
