package org.dualpay.payment.domain;

/** A row of the notify inbox: RECEIVED (stored, to be processed; retried until done) -> PROCESSED. */
public enum InboxStatus {
    RECEIVED,
    PROCESSED
}
