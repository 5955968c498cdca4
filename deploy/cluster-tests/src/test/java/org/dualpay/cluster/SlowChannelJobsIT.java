package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow channel stalls the active query, never the other jobs: with every WeChat query taking 2.5 s
 * and a backlog of open WeChat attempts, an inbox retry and a refund keep their pace. The job latencies
 * are printed.
 */
class SlowChannelJobsIT {

    private static final String SKU = "SKU-CABLE";
    private static final int BACKLOG = 12;
    private static final long QUERY_LATENCY_MS = 2_500;

    private final Cluster cluster = new Cluster();
    private final List<String> backlog = new ArrayList<>();

    @BeforeEach
    void stock() {
        // the stock of every SKU, the sandbox's knobs and the fault points are put back by ClusterScenario
        cluster.setStock(SKU, 100);
    }

    /** The backlog's open orders are this scenario's own: cancelled, their trades closed. */
    @AfterEach
    void cancelBacklog() {
        backlog.forEach(cluster::cancel);
    }

    @Test
    void should_keep_inbox_retries_and_refunds_on_pace_while_the_active_query_is_slow() throws Exception {
        // given a backlog of open WeChat attempts, and WeChat answering every query in 2.5 s
        for (int i = 0; i < BACKLOG; i++) {
            String orderNo = cluster.createOrder("slow-" + UUID.randomUUID(), SKU, 1).path("orderNo").asText();
            backlog.add(orderNo);
            cluster.startPayment(orderNo, "WECHAT");
        }
        cluster.channelFaults("WECHAT", Map.of("queryLatencyMs", QUERY_LATENCY_MS));
        // the active query is now in a run that asks each due attempt, 2.5 s a question
        Thread.sleep(5_000);

        // when a notify's first processing fails (so the inbox worker must retry it), on Alipay
        String user = "pace-" + UUID.randomUUID();
        String orderNo = cluster.createOrder(user, SKU, 1).path("orderNo").asText();
        String first = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        String second = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        armOnce("payment.inbox.before-process");
        long paidAt = System.nanoTime();
        cluster.shopperPays("ALIPAY", first);
        await("order " + orderNo + " PAID by the inbox worker's retry").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(cluster.order(orderNo).path("status").asText()).isEqualTo("PAID"));
        long inboxRetryMs = (System.nanoTime() - paidAt) / 1_000_000;

        // and a duplicate payment must be refunded
        long duplicateAt = System.nanoTime();
        cluster.shopperPays("ALIPAY", second);
        await("the duplicate's refund SUCCESS").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonNode refunds = cluster.refunds(orderNo);
                    assertThat(refunds.size()).as(refunds.toString()).isEqualTo(1);
                    assertThat(refunds.get(0).path("status").asText()).as(refunds.toString()).isEqualTo("SUCCESS");
                });
        long refundMs = (System.nanoTime() - duplicateAt) / 1_000_000;
        JsonNode refund = cluster.refunds(orderNo).get(0);
        long dispatchMs = Duration.between(Instant.parse(refund.path("createdAt").asText()),
                Instant.parse(refund.path("finishedAt").asText())).toMillis();

        // then both kept their pace while the active query crawled
        await("a slow active query run logged").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> activeQueryRuns().stream().anyMatch(ms -> ms >= QUERY_LATENCY_MS));
        System.out.printf("with WeChat queries taking %d ms and %d open attempts:%n", QUERY_LATENCY_MS, BACKLOG);
        System.out.printf("  latest active query runs (ms, both instances): %s%n", activeQueryRuns());
        System.out.printf("  inbox retry: shopper pays -> order PAID in %d ms (first processing failed)%n", inboxRetryMs);
        System.out.printf("  refund: duplicate paid -> refund SUCCESS in %d ms (refund row created -> finished %d ms)%n",
                refundMs, dispatchMs);
        System.out.printf("  job run maxima (s): %s%n", jobMaxima());
        String fired = cluster.faults(cluster.paymentUrl).path("fired").toString()
                + (cluster.payment2Url.isBlank() ? "" : cluster.faults(cluster.payment2Url).path("fired").toString());
        assertThat(fired).as("the first processing of the notify failed").contains("payment.inbox.before-process");
        assertThat(inboxRetryMs).as("inbox retry pace").isLessThan(5_000);
        assertThat(refundMs).as("refund pace").isLessThan(5_000);
    }

    private void armOnce(String point) {
        cluster.armFault(cluster.paymentUrl, point, "EXCEPTION", 1);
        if (!cluster.payment2Url.isBlank()) {
            cluster.armFault(cluster.payment2Url, point, "EXCEPTION", 1);
        }
    }

    private static final Pattern RUN = Pattern.compile(
            "active query: \\d+ attempt\\(s\\) asked in (\\d+) ms");

    /** Durations of the latest runs of the active query, as logged by both instances. */
    private List<Long> activeQueryRuns() {
        List<Long> runs = new ArrayList<>();
        Matcher m = RUN.matcher(cluster.paymentLogs());
        while (m.find()) {
            runs.add(Long.parseLong(m.group(1)));
        }
        // the newest runs: this scenario's (older ones ran without the latency and are short)
        return runs.subList(Math.max(0, runs.size() - 10), runs.size());
    }

    private String jobMaxima() {
        StringBuilder out = new StringBuilder();
        for (String url : List.of(cluster.paymentUrl, cluster.payment2Url)) {
            if (url.isBlank()) {
                continue;
            }
            for (String line : cluster.get(url + "/actuator/prometheus").body().split("\n")) {
                if (line.startsWith("dualpay_jobs_run_seconds_max")) {
                    out.append(line.replaceAll("\\{.*job=\"([^\"]+)\".*}", " $1")).append("; ");
                }
            }
        }
        return out.toString();
    }
}
