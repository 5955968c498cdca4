package org.dualpay.payment.infrastructure;

import java.time.Instant;

public class RefundRow {

    public String refundNo;
    public String outTradeNo;
    public String orderNo;
    public String userId;
    public String channel;
    public Long amount;
    public String reason;
    public String status;
    public Integer attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public String xid;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant finishedAt;
}
