package org.dualpay.order.domain;

/** What reporting a payment to an order came to. Only {@link Paid} changed anything. */
public sealed interface MarkPaidOutcome {

    record Paid(Order order) implements MarkPaidOutcome {
    }

    /** The same channel trade was already applied: an idempotent repeat. */
    record AlreadyPaidBySameTrade(Order order) implements MarkPaidOutcome {
    }

    /** Another channel trade paid this order first: the reported one is a duplicate payment. */
    record AlreadyPaidByOtherTrade(Order order) implements MarkPaidOutcome {
    }

    /** The order is cancelled, closed or otherwise past paying: a late payment. */
    record NotPayable(Order order) implements MarkPaidOutcome {
    }

    record AmountMismatch(Order order, long reported) implements MarkPaidOutcome {
    }

    record NotFound(String orderNo) implements MarkPaidOutcome {
    }
}
