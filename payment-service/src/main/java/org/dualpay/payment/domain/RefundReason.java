package org.dualpay.payment.domain;

/** Why money goes back, and what the shopper is told about it. */
public enum RefundReason {
    DUPLICATE_PAYMENT("DUPLICATE_PAYMENT_DETECTED", "The order was already paid; this second payment is refunded."),
    ORDER_CANCELLED("LATE_PAYMENT_DETECTED", "The order was cancelled before this payment arrived; it is refunded."),
    ORDER_CLOSED("LATE_PAYMENT_DETECTED", "The order had closed before this payment arrived; it is refunded."),
    OUT_OF_STOCK("OUT_OF_STOCK_DETECTED", "The items sold out before this payment arrived; the order is closed and the payment refunded."),
    USER_REQUEST("REFUND_REQUESTED", "Your refund was requested."),
    PAYMENT_ANOMALY("PAYMENT_ANOMALY_REFUNDED", "The channel reported a payment that does not match this order "
            + "(amount, currency or channel); it was not applied to the order and is refunded.");

    private final String noticeKind;
    private final String message;

    RefundReason(String noticeKind, String message) {
        this.noticeKind = noticeKind;
        this.message = message;
    }

    /** The kind of the notification sent when the refund is decided. */
    public String noticeKind() {
        return noticeKind;
    }

    public String message() {
        return message;
    }

    /** The refund reason for money that arrived for an order in this status (cancelled or closed). */
    public static RefundReason forLatePayment(String orderStatus) {
        return "CANCELLED".equals(orderStatus) ? ORDER_CANCELLED : ORDER_CLOSED;
    }
}
