package org.dualpay.payment.domain;

import java.time.Instant;

import org.dualpay.common.channel.Channel;

/**
 * One try to pay an order on one channel: its own merchant trade number ({@code outTradeNo}).
 *
 * @param applied whether its money paid the order (SUCCESS and applied), or is refunded (SUCCESS, not applied)
 */
public record Attempt(String outTradeNo, String payNo, String orderNo, Channel channel, long amount,
        AttemptStatus status, boolean applied, String channelTradeNo, String payUrl, Instant expireAt,
        Instant successAt) {
}
