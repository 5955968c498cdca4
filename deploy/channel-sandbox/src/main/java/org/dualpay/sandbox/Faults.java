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
     * @param tamperNotifies every notify delivered tampered with ({@link NotifyMessages.Tamper}: {@code AMOUNT}
     *     changed after signing, {@code SIGNATURE} broken, {@code CIPHERTEXT} corrupted and signed again (WeChat
     *     only), {@code OLD_TIMESTAMP} signed ten minutes ago)
     * @param notifyDelayMs every notify delivery that much later
     * @param reorderNotifies each notify's first delivery held a random 0 to 3 s, so notifies arrive out of order
     * @param duplicateNotifies each delivery sent twice, the same message at once
     */
    record Knobs(double createTradeFailureRate, long createTradeLatencyMs, double refundFailureRate,
            boolean refundsFailPermanently, boolean dropNotifies, long queryLatencyMs, String refundAnswer,
            NotifyMessages.Tamper tamperNotifies, long notifyDelayMs, boolean reorderNotifies,
            boolean duplicateNotifies) {

        static final Knobs NONE = new Knobs(0, 0, 0, false, false, 0, null, null, 0, false, false);
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
