package org.dualpay.payment.channel;

import java.time.Instant;
import java.util.Optional;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.PaymentNotice;
import org.springframework.http.ResponseEntity;

/** One payment channel, as payment-service uses it. One implementation per channel. */
public interface PaymentChannel {

    Channel channel();

    /** Opens a trade the shopper can pay until {@code expireAt}. */
    CreatedTrade createTrade(TradeRequest request);

    /** Closes an unpaid trade, so that it can no longer be paid. */
    CloseResult close(String outTradeNo);

    /** Asks the channel about a trade: the payment, when it was paid (a notice learnt by query). */
    Optional<PaymentNotice> queryPaid(String outTradeNo);

    /** Asks the channel to give an attempt's money back; idempotent by refund number. */
    RefundState refund(String refundNo, String outTradeNo, long amount);

    RefundState queryRefund(String refundNo);

    /** Checks a notify's signature, timestamp and shape. Nothing about our own records is checked here. */
    NotifyCheck verify(InboundNotify notify);

    /** The answer this channel understands as "received, stop retrying". */
    ResponseEntity<String> acknowledge();

    /** The answer this channel understands as "not accepted, retry" (or, for a refusal, "rejected"). */
    ResponseEntity<String> reject(int status, String message);

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
