package org.dualpay.sandbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.dualpay.common.channel.Channel;
import org.springframework.stereotype.Component;

/**
 * The fault knobs of each channel ({@code GET/PUT /sandbox/faults}). All off at start.
 *
 * @see Knobs
 */
@Component
class Faults {

    /**
     * @param createTradeFailureRate share of create-trade calls answered 503
     * @param createTradeLatencyMs added to every create-trade call
     * @param refundFailureRate share of refund submissions answered 503
     * @param refundsFailPermanently every refund that is processed ends FAILED
     * @param dropNotifies notifies are never sent (the merchant must ask)
     * @param queryLatencyMs added to every trade query (a slow channel for the active query)
     * @param refundAnswer refund submissions and queries answer 200 with something no merchant expects:
     *     {@code UNKNOWN_STATUS} (a status outside PROCESSING/SUCCESS/FAILED) or {@code EMPTY_BODY}
     */
    record Knobs(double createTradeFailureRate, long createTradeLatencyMs, double refundFailureRate,
            boolean refundsFailPermanently, boolean dropNotifies, long queryLatencyMs, String refundAnswer) {

        static final Knobs NONE = new Knobs(0, 0, 0, false, false, 0, null);
    }

    private final Map<Channel, Knobs> knobs = new EnumMap<>(Channel.class);

    Faults() {
        for (Channel channel : Channel.values()) {
            knobs.put(channel, Knobs.NONE);
        }
    }

    synchronized Map<Channel, Knobs> all() {
        return Map.copyOf(knobs);
    }

    synchronized void set(Channel channel, Knobs value) {
        knobs.put(channel, value == null ? Knobs.NONE : value);
    }

    synchronized Knobs of(Channel channel) {
        return knobs.get(channel);
    }

    static boolean happens(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
