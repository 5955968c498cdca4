package org.dualpay.payment.domain;

public enum PaymentStatus {
    /** waiting for a channel to confirm money */
    PAYING,
    /** one attempt's money paid the order */
    PAID
}
