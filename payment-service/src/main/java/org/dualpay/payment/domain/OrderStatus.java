package org.dualpay.payment.domain;

/**
 * An order's status as order-service reports it (its state machine lives there); payment-service
 * only reads it. The names are order-service's.
 */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    CANCELLED,
    CLOSED,
    REFUNDING,
    REFUNDED
}
