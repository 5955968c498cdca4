package org.dualpay.payment.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class InboxBackoffTest {

    @Test
    void should_retry_a_failed_row_after_half_a_second_doubling_up_to_thirty() {
        assertThat(InboxProcessor.backoff(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(InboxProcessor.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(InboxProcessor.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(InboxProcessor.backoff(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(InboxProcessor.backoff(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(InboxProcessor.backoff(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void should_record_the_root_cause_of_a_failure() {
        RuntimeException wrapped = new RuntimeException("try to proceed invocation error",
                new IllegalStateException("inventory-service answered 503"));

        assertThat(InboxProcessor.rootMessage(wrapped)).isEqualTo("IllegalStateException: inventory-service answered 503");
    }
}
