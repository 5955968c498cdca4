package org.dualpay.order.domain;

/** What asking for a move of the state machine came to. Only {@link Moved} changed anything. */
public sealed interface MoveOutcome {

    record Moved(Order order) implements MoveOutcome {
    }

    /** The order already is in the wanted status: an idempotent repeat. */
    record AlreadyThere(Order order) implements MoveOutcome {
    }

    /** The state machine has no move from the order's status to the wanted one. */
    record Refused(Order order, OrderStatus wanted) implements MoveOutcome {
    }

    record NotFound(String orderNo) implements MoveOutcome {
    }
}
