package org.dualpay.payment.domain;

public enum AttemptStatus {
    /** the channel trade exists; the shopper has not paid (as far as we know) */
    CREATED,
    /** creating the channel trade failed; nothing can be paid on it */
    FAILED,
    /** the channel confirmed the money */
    SUCCESS,
    /** closed at the channel (order cancelled or closed); a payment that still arrives is refunded */
    CLOSED
}
