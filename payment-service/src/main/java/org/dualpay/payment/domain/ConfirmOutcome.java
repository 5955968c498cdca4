package org.dualpay.payment.domain;

/** What processing a verified payment notice came to. */
public enum ConfirmOutcome {
    /** this payment paid the order: order PAID, stock deducted, in one global transaction */
    PAID,
    /** this channel trade was already processed: nothing changed */
    ALREADY_CONFIRMED,
    /** another attempt had paid the order: this money is recorded and refunded (TCC) */
    DUPLICATE_PAYMENT,
    /** the order was cancelled or closed: this money is recorded and refunded (TCC) */
    LATE_PAYMENT,
    /** the stock ran out: the order is closed and this money refunded (TCC) */
    OUT_OF_STOCK,
    /** the channel's word disagrees with the attempt (amount, currency, channel): never applied, refunded (TCC) */
    ANOMALY_REFUNDED
}
