package org.dualpay.payment.refund;

import java.time.Instant;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.Notification;
import org.dualpay.payment.domain.RefundReason;

/** What a shopper was told, as the API shows it. */
public class NotificationRow {

    public String kind;
    public String orderNo;
    public String refundNo;
    public Channel channel;
    public Long amount;
    public RefundReason reason;
    public String message;
    public Instant createdAt;

    public Notification toDomain() {
        return new Notification(kind, orderNo, refundNo, channel, amount, reason, message, createdAt);
    }
}
