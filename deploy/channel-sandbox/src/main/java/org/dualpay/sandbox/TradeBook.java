package org.dualpay.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dualpay.common.channel.Channel;
import org.springframework.stereotype.Component;

/** The channels' trades and refunds, in memory (a sandbox restart forgets them). */
@Component
class TradeBook {

    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();

    Trade trade(Channel channel, String outTradeNo) {
        return trades.get(channel + ":" + outTradeNo);
    }

    Trade putIfAbsent(Trade trade) {
        Trade existing = trades.putIfAbsent(trade.channel() + ":" + trade.outTradeNo(), trade);
        return existing == null ? trade : existing;
    }

    Refund refund(Channel channel, String refundNo) {
        return refunds.get(channel + ":" + refundNo);
    }

    Refund putIfAbsent(Refund refund) {
        Refund existing = refunds.putIfAbsent(refund.channel() + ":" + refund.refundNo(), refund);
        return existing == null ? refund : existing;
    }

    /** What is refunded or being refunded of a trade, failed refunds not counted. */
    long refunding(Channel channel, String outTradeNo) {
        return refunds.values().stream()
                .filter(r -> r.channel() == channel && r.outTradeNo().equals(outTradeNo))
                .map(Refund::view)
                .filter(v -> v.status() != Refund.Status.FAILED)
                .mapToLong(Refund.View::amount).sum();
    }
}
