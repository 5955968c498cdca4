package org.dualpay.payment.domain;

/**
 * TRYING -> PENDING -> PROCESSING -> SUCCESS, or MANUAL when the channel keeps failing (customer
 * support retries it: MANUAL -> PENDING); TRYING -> CANCELLED when the global transaction rolls back.
 */
public enum RefundStatus {
    TRYING,
    PENDING,
    PROCESSING,
    SUCCESS,
    MANUAL,
    CANCELLED
}
