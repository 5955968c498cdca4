package org.dualpay.payment.refund;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often the dispatcher looks for due refunds (ISO-8601, e.g. PT0.5S: @Scheduled reads it too)
 * @param batchSize how many refunds one run claims at most
 * @param lease how long a claimed refund is left to the instance that claimed it
 * @param maxAttempts failed channel calls before a refund is parked as MANUAL
 * @param backoff the wait after the first failure; it doubles up to {@code maxBackoff}
 * @param maxBackoff the longest wait between two tries
 * @param pollDelay how soon an accepted refund is asked about again
 */
@ConfigurationProperties("dualpay.refunds")
public record RefundProperties(@DefaultValue("PT0.5S") Duration interval, @DefaultValue("20") int batchSize,
        @DefaultValue("30s") Duration lease, @DefaultValue("6") int maxAttempts,
        @DefaultValue("200ms") Duration backoff, @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("300ms") Duration pollDelay) {

    public Duration backoffAfter(int failures) {
        long millis = backoff.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
