package org.dualpay.payment.refund;

import java.time.Instant;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.Refund;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.domain.RefundStatus;

public class RefundRow {

    public String refundNo;
    public String outTradeNo;
    /** the received payment this refund gives back: the attempt's out_trade_no, or ANOMALY:channel:trade */
    public String paymentKey;
    public String orderNo;
    public String userId;
    public Channel channel;
    public Long amount;
    public RefundReason reason;
    public RefundStatus status;
    public Integer attempts;
    public Instant failingSince;
    public Instant nextAttemptAt;
    public String lastError;
    public String xid;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant finishedAt;

    public Refund toDomain() {
        return new Refund(refundNo, orderNo, outTradeNo, channel, amount, reason, status, attempts, lastError,
                createdAt, finishedAt);
    }
}
