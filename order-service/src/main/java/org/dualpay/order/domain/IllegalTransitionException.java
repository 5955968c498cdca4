package org.dualpay.order.domain;

/** A programming error: code asked for a move the state machine does not have. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(OrderStatus from, OrderStatus to) {
        super("no transition " + from + " -> " + to);
    }
}
