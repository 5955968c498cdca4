package org.dualpay.payment.web;

import org.dualpay.payment.domain.RefundStatus;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.common.channel.Channel;
import java.time.Instant;

import org.dualpay.payment.infrastructure.RefundRow;

record RefundView(String refundNo, String orderNo, String outTradeNo, Channel channel, long amount, RefundReason reason,
        RefundStatus status, int attempts, String lastError, Instant createdAt, Instant finishedAt) {

    static RefundView of(RefundRow r) {
        return new RefundView(r.refundNo, r.orderNo, r.outTradeNo, r.channel, r.amount, r.reason, r.status, r.attempts,
                r.lastError, r.createdAt, r.finishedAt);
    }
}
