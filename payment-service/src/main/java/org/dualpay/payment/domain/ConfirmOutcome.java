package org.dualpay.payment.domain;

/** What processing a verified payment notice came to. */
public enum ConfirmOutcome {
    /** this notice paid the order: order PAID, stock deducted, one global transaction committed */
    PAID,
    /** this channel trade was already processed: nothing changed */
    ALREADY_CONFIRMED,
    /** another attempt had already paid the order: the money of this one is recorded, to be refunded */
    DUPLICATE_PAYMENT
}
