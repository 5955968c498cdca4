package org.dualpay.payment.infrastructure;

import org.dualpay.payment.domain.RefundReason;
import org.dualpay.common.channel.Channel;
import java.time.Instant;

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
}
