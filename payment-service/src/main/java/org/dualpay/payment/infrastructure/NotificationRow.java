package org.dualpay.payment.infrastructure;

import java.time.Instant;

/** What a shopper was told, as the API shows it. */
public class NotificationRow {

    public String kind;
    public String orderNo;
    public String refundNo;
    public String channel;
    public Long amount;
    public String reason;
    public String message;
    public Instant createdAt;
}
