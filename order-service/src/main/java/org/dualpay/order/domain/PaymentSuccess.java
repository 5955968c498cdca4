package org.dualpay.order.domain;

import java.time.Instant;

/** A channel's confirmed payment, as payment-service reports it inside the global transaction. */
public record PaymentSuccess(String orderNo, String outTradeNo, String channel, String channelTradeNo, long amount,
        Instant paidAt) {
}
