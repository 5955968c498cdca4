package org.dualpay.payment.infrastructure;

import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.common.channel.Channel;
import java.time.Instant;

public class AttemptRow {

    public String outTradeNo;
    public String payNo;
    public String orderNo;
    public Channel channel;
    public Long amount;
    public AttemptStatus status;
    public Boolean applied;
    public String channelTradeNo;
    public String payUrl;
    public Instant expireAt;
    public Instant successAt;
    public Instant createdAt;
    public Instant updatedAt;
}
