package org.dualpay.payment.domain;

import java.time.Instant;

import org.dualpay.common.channel.Channel;

/**
 * A channel's statement that money arrived, after its signature, timestamp and format were verified.
 *
 * @param notifyId the channel's id of this notification (the same across its retries)
 * @param currency what the amount is counted in (ISO 4217; CNY when the channel does not say)
 */
public record PaymentNotice(Channel channel, String notifyId, String outTradeNo, String channelTradeNo, long amount,
        Instant paidAt, String currency) {

    public static final String CNY = "CNY";

    public PaymentNotice(Channel channel, String notifyId, String outTradeNo, String channelTradeNo, long amount,
            Instant paidAt) {
        this(channel, notifyId, outTradeNo, channelTradeNo, amount, paidAt, CNY);
    }
}
