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
    public Instant paidAt;
    public String status;
    public String outcome;
    public Integer attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant receivedAt;
    public Instant processedAt;
}
