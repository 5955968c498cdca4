package org.dualpay.payment.domain;

import java.time.Instant;

import org.dualpay.common.channel.Channel;

/**
 * A channel's statement that money arrived, after its signature, timestamp and format were verified.
 *
 * @param notifyId the channel's id of this notification (the same across its retries)
 */
public record PaymentNotice(Channel channel, String notifyId, String outTradeNo, String channelTradeNo, long amount,
        Instant paidAt) {
}
