package org.dualpay.payment.domain;

import java.time.Instant;

/** The payment of one order, whichever attempt pays it. */
public record Payment(String payNo, String orderNo, String userId, long amount, PaymentStatus status,
        String paidOutTradeNo, Instant paidAt) {
}
