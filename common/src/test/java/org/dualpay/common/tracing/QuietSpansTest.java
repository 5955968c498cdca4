package org.dualpay.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.test.simple.SimpleSpan;
import org.junit.jupiter.api.Test;

class QuietSpansTest {

    private final QuietSpans quiet = new QuietSpans();

    @Test
    void should_leave_out_health_checks_and_scrapes() {
        assertThat(quiet.isExportable(span("a1", null).tag("http.url", "/actuator/health"))).isFalse();
        assertThat(quiet.isExportable(span("a2", null).tag("http.url", "/actuator/prometheus"))).isFalse();
        assertThat(quiet.isExportable(span("a3", null).tag("http.url", "/api/payments/notify/WECHAT"))).isTrue();
    }

    @Test
    void should_leave_out_a_scheduled_run_that_started_nothing() {
        assertThat(quiet.isExportable(scheduledRun("s1"))).isFalse();
    }

    @Test
    void should_keep_a_scheduled_run_whose_children_are_exported() {
        // given: a global transaction ran inside the run (children end, and are exported, first)
        assertThat(quiet.isExportable(span("c1", "s2").name("confirm-payment"))).isTrue();

        // when, then
        assertThat(quiet.isExportable(scheduledRun("s2"))).isTrue();
        assertThat(quiet.isExportable(scheduledRun("s3"))).as("another run, which started nothing").isFalse();
    }

    @Test
    void should_keep_every_other_span() {
        assertThat(quiet.isExportable(span("r1", null).name("http post /internal/stock/deductions"))).isTrue();
        assertThat(quiet.isExportable(span("r2", "r1").tag("code.function", "x").tag("code.namespace", "y")))
                .as("a span with code tags inside a trace").isTrue();
    }

    private static SimpleSpan scheduledRun(String id) {
        return span(id, null).name("task retry-due").tag("code.function", "retryDue")
                .tag("code.namespace", "org.dualpay.payment.notify.InboxProcessor");
    }

    private static SimpleSpan span(String id, String parentId) {
        SimpleSpan span = new SimpleSpan();
        span.context().setSpanId(id);
        span.context().setParentId(parentId);
        return span;
    }
}
