package org.dualpay.payment.refund;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often the dispatcher looks for due refunds (ISO-8601, e.g. PT0.5S: @Scheduled reads it too)
 * @param batchSize how many refunds one run dispatches at most (claimed one at a time)
 * @param lease how long a claimed refund is left to the instance that claimed it: longer than one
 *     dispatch's worst case (two channel calls and the order's move, each with its timeouts)
 * @param giveUpAfter a refund that has failed without a break for this long is parked MANUAL
 * @param backoff the wait after the first failure; it doubles up to {@code maxBackoff}
 * @param maxBackoff the longest wait between two tries
 * @param pollDelay how soon an accepted refund is asked about again
 */
@ConfigurationProperties("dualpay.refunds")
public record RefundProperties(@DefaultValue("PT0.5S") Duration interval, @DefaultValue("20") int batchSize,
        @DefaultValue("2m") Duration lease, @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("1s") Duration backoff, @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("300ms") Duration pollDelay) {

    public RefundSchedule schedule() {
        return new RefundSchedule(backoff, maxBackoff, giveUpAfter);
    }
}
