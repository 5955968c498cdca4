package org.dualpay.payment.notify;

import java.time.Instant;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.ConfirmOutcome;
import org.dualpay.payment.domain.InboxStatus;
import org.dualpay.payment.domain.NotifySource;

public class InboxRow {

    public Long id;
    public Channel channel;
    public String channelTradeNo;
    public String event;
    public NotifySource source;
    public String notifyId;
    public String outTradeNo;
    public Long amount;
    /** why the channel's word disagrees with the attempt (then it is refunded, never applied); null when it agrees */
    public String anomaly;
    /** the trace of the delivery that stored it (W3C traceparent), continued by whoever processes it; may be null */
    public String traceParent;
    public Instant paidAt;
    public InboxStatus status;
    public ConfirmOutcome outcome;
    public Integer attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant receivedAt;
    public Instant processedAt;
}
