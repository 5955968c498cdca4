package org.dualpay.payment.trade;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param channelTtl the longest a channel trade stays payable
 * @param expiryMargin a channel trade expires at least this long before its order does, so that no
 *     channel takes money for an order that has closed
 * @param minimumPayWindow a payment is not started when less than this is left to pay in
 * @param queryAfter an attempt still open this long after it was created is asked about
 * @param queryInterval how often the active query runs (ISO-8601, e.g. PT10S: @Scheduled reads it too)
 * @param queryBackoffMax the wait between two queries of one attempt starts at {@code queryAfter} and
 *     doubles up to this (an attempt is always asked again at its expiry, to close it)
 * @param queryBatchSize attempts asked about per run at most
 */
@ConfigurationProperties("dualpay.payments")
public record PaymentProperties(@DefaultValue("10m") Duration channelTtl, @DefaultValue("2m") Duration expiryMargin,
        @DefaultValue("30s") Duration minimumPayWindow, @DefaultValue("30s") Duration queryAfter,
        @DefaultValue("PT10S") Duration queryInterval, @DefaultValue("5m") Duration queryBackoffMax,
        @DefaultValue("100") int queryBatchSize) {

    /** The wait after the {@code queries}-th query of an attempt (1 for the first). */
    public Duration queryBackoff(int queries) {
        long millis = queryAfter.toMillis();
        for (int i = 1; i < queries && millis < queryBackoffMax.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, queryBackoffMax.toMillis()));
    }
}
