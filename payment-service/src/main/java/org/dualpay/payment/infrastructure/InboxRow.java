package org.dualpay.payment.infrastructure;

import java.time.Instant;

public class InboxRow {

    public Long id;
    public String channel;
    public String channelTradeNo;
    public String event;
    public String source;
    public String notifyId;
    public String outTradeNo;
    public Long amount;
    /** why the channel's word disagrees with the attempt (then it is refunded, never applied); null when it agrees */
    public String anomaly;
    public Instant paidAt;
    public String status;
    public String outcome;
    public Integer attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant receivedAt;
    public Instant processedAt;
}
