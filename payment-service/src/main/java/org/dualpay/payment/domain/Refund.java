package org.dualpay.payment.domain;

import java.time.Instant;

import org.dualpay.common.channel.Channel;

/** Money going back to a shopper, as the dispatcher and customer support see it. */
public record Refund(String refundNo, String orderNo, String outTradeNo, Channel channel, long amount,
        RefundReason reason, RefundStatus status, int attempts, String lastError, Instant createdAt,
        Instant finishedAt) {
}
