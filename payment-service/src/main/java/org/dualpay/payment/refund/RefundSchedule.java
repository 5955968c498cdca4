package org.dualpay.payment.refund;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failing refund is tried again, and when it is given up (parked MANUAL for support). Every
 * failure counts, whatever it was (the channel down, an error answer, an answer we do not
 * understand, an exception of our own). The waits double from {@code backoff} up to
 * {@code maxBackoff}; a refund is given up only once it has failed without a break for
 * {@code giveUpAfter}, so that it outlives an outage of the channel measured in hours, not seconds.
 */
public record RefundSchedule(Duration backoff, Duration maxBackoff, Duration giveUpAfter) {

    /** What to do after a failure. */
    public sealed interface Decision {
        record RetryAt(Instant at) implements Decision {
        }

        record Park() implements Decision {
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration backoffAfter(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 40);
        long millis = backoff.toMillis();
        for (int i = 0; i < doublings && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /**
     * @param failures failures in a row, this one included
     * @param failingSince when the first of them happened (now for the first)
     */
    public Decision afterFailure(int failures, Instant failingSince, Instant now) {
        Instant next = now.plus(backoffAfter(failures));
        Instant deadline = failingSince.plus(giveUpAfter);
        if (!now.isBefore(deadline)) {
            return new Decision.Park();
        }
        // The last try falls on the deadline rather than past it: give up when promised.
        return new Decision.RetryAt(next.isAfter(deadline) ? deadline : next);
    }

    /** How many tries a refund failing for good gets before it is parked (for the operator's eye). */
    public int triesUntilParked() {
        Instant start = Instant.EPOCH;
        Instant now = start;
        int failures = 1;
        while (afterFailure(failures, start, now) instanceof Decision.RetryAt retry) {
            now = retry.at();
            failures++;
        }
        return failures;
    }
}
