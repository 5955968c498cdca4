package org.dualpay.payment.refund;

import java.time.Instant;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.Refund;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.domain.RefundStatus;

/** A refund as the API shows it (support's list, an order's payment). */
public record RefundView(String refundNo, String orderNo, String outTradeNo, Channel channel, long amount,
        RefundReason reason, RefundStatus status, int attempts, String lastError, Instant createdAt, Instant finishedAt) {

    public static RefundView of(Refund r) {
        return new RefundView(r.refundNo(), r.orderNo(), r.outTradeNo(), r.channel(), r.amount(), r.reason(), r.status(),
                r.attempts(), r.lastError(), r.createdAt(), r.finishedAt());
    }
}
