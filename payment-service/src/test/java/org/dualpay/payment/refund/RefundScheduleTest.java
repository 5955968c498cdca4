package org.dualpay.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RefundScheduleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final RefundSchedule defaults = new RefundSchedule(Duration.ofSeconds(1), Duration.ofMinutes(10),
            Duration.ofHours(24));
    private final RefundSchedule local = new RefundSchedule(Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(40));

    @Test
    void should_double_the_wait_from_one_second_up_to_ten_minutes() {
        assertThat(defaults.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.backoffAfter(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(defaults.backoffAfter(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.backoffAfter(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void should_keep_retrying_a_failing_refund_for_hours_and_park_it_only_after_a_day() {
        // an outage of 23 hours: still retried
        assertThat(defaults.afterFailure(150, T0, T0.plus(Duration.ofHours(23))))
                .isInstanceOf(RefundSchedule.Decision.RetryAt.class);
        // failing for a day: parked
        assertThat(defaults.afterFailure(150, T0, T0.plus(Duration.ofHours(24))))
                .isInstanceOf(RefundSchedule.Decision.Park.class);
        // the number of tries does not matter, only how long it has failed
        assertThat(defaults.afterFailure(10_000, T0, T0.plus(Duration.ofMinutes(1))))
                .isInstanceOf(RefundSchedule.Decision.RetryAt.class);
    }

    @Test
    void should_try_a_last_time_at_the_deadline_rather_than_after_it() {
        Instant now = T0.plus(Duration.ofHours(24)).minusSeconds(30);
        var decision = (RefundSchedule.Decision.RetryAt) defaults.afterFailure(200, T0, now);
        assertThat(decision.at()).isEqualTo(T0.plus(Duration.ofHours(24)));
    }

    @Test
    void should_span_a_day_with_about_a_hundred_and_fifty_tries_by_default() {
        int tries = defaults.triesUntilParked();
        System.out.printf("default schedule: %d tries over 24 h (1 s doubling to 10 min)%n", tries);
        System.out.printf("compressed-time schedule: %d tries over 40 s (200 ms doubling to 2 s)%n", local.triesUntilParked());
        // 1+2+...+512 s = 1023 s in 10 tries, then one every 10 min: (86400 - 1023) / 600 = 142 more
        assertThat(tries).isBetween(150, 156);
        assertThat(local.triesUntilParked()).isBetween(20, 26);
    }

    @Test
    void should_outlast_a_twenty_second_outage_on_the_local_cluster() {
        assertThat(local.afterFailure(15, T0, T0.plusSeconds(20))).isInstanceOf(RefundSchedule.Decision.RetryAt.class);
        assertThat(local.afterFailure(25, T0, T0.plusSeconds(40))).isInstanceOf(RefundSchedule.Decision.Park.class);
    }
}
