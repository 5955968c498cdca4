package org.dualpay.payment.channel;

import java.time.Instant;
import java.util.Optional;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.PaymentNotice;

/**
 * How we call one channel's API: trades and refunds. Plain Java; every failure of a call (timeout,
 * refused, an error answer or one we cannot read) is a {@link ChannelUnavailableException}.
 */
public interface ChannelGateway {

    Channel channel();

    /** Opens a trade the shopper can pay until {@code expireAt}. */
    CreatedTrade createTrade(TradeRequest request);

    /** Closes an unpaid trade, so that it can no longer be paid; always asked, even of a trade the channel may not know. */
    CloseResult close(String outTradeNo);

    /** Asks the channel about a trade: the payment, when it was paid (a notice learnt by query). */
    Optional<PaymentNotice> queryPaid(String outTradeNo);

    /** Asks the channel to give an attempt's money back; idempotent by refund number. */
    RefundState refund(String refundNo, String outTradeNo, long amount);

    RefundState queryRefund(String refundNo, String outTradeNo);

    record TradeRequest(String outTradeNo, long amount, String description, Instant expireAt) {
    }

    record CreatedTrade(String outTradeNo, String payUrl, Instant expireAt) {
    }

    enum CloseResult {
        CLOSED,
        ALREADY_PAID,
        UNKNOWN_TRADE
    }

    enum RefundState {
        PROCESSING,
        SUCCESS,
        FAILED
    }
}
