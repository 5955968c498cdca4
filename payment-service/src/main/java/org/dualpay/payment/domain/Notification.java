package org.dualpay.payment.domain;

import java.time.Instant;

import org.dualpay.common.channel.Channel;

/** What a shopper was told about their money ({@code kind}: DUPLICATE_PAYMENT_DETECTED, REFUND_SUCCEEDED, ...). */
public record Notification(String kind, String orderNo, String refundNo, Channel channel, long amount,
        RefundReason reason, String message, Instant createdAt) {
}
