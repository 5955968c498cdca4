package org.dualpay.payment.infrastructure;

import java.time.Instant;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.Attempt;
import org.dualpay.payment.domain.AttemptStatus;

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

    public Attempt toDomain() {
        return new Attempt(outTradeNo, payNo, orderNo, channel, amount, status, Boolean.TRUE.equals(applied),
                channelTradeNo, payUrl, expireAt, successAt);
    }
}
