package org.dualpay.payment.infrastructure;

import java.time.Instant;

public class AttemptRow {

    public String outTradeNo;
    public String payNo;
    public String orderNo;
    public String channel;
    public Long amount;
    public String status;
    public Boolean applied;
    public String channelTradeNo;
    public String payUrl;
    public Instant expireAt;
    public Instant successAt;
    public Instant createdAt;
    public Instant updatedAt;
}
