package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refunds outlive a channel outage: every failure is counted, whatever it was, and a refund is parked
 * MANUAL only after failing for the whole give-up duration (40 s on the local cluster, a day by
 * default), where the reconciliation reports it with its money until support retries it.
 */
class RefundOutageIT {

    private static final String SKU = "SKU-CABLE";

    private final Cluster cluster = new Cluster();

    @BeforeEach
    void stock() {
        // the stock of every SKU, the sandbox's knobs and the fault points are put back by ClusterScenario
        cluster.setStock(SKU, 100);
    }

    @Test
    void should_finish_every_refund_after_a_channel_outage_longer_than_the_old_manual_threshold() throws Exception {
        // given WeChat refunds failing, and three duplicate payments to give back on WeChat
        cluster.channelFaults("WECHAT", Map.of("refundFailureRate", 1.0));
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(duplicatePaidOrder("outage-" + UUID.randomUUID(), "ALIPAY", "WECHAT"));
        }
        for (String orderNo : orders) {
            awaitRefund(orderNo, "a WECHAT refund recorded", r -> r.path("attempts").asInt() >= 1);
        }

        // when the outage lasts 20 s (the old dispatcher parked a refund MANUAL after about 6 s)
        long outageStarted = System.nanoTime();
        Thread.sleep(20_000);
        for (String orderNo : orders) {
            JsonNode refund = cluster.refunds(orderNo).get(0);
            assertThat(refund.path("status").asText()).as("still retried after 20 s of failures: " + refund)
                    .isEqualTo("PENDING");
            assertThat(refund.path("attempts").asInt()).as("more failures than the old 6: " + refund).isGreaterThan(6);
            System.out.printf("refund %s after a 20 s outage: %d failures counted, last error: %s%n",
                    refund.path("refundNo").asText(), refund.path("attempts").asInt(), refund.path("lastError").asText());
        }
        cluster.healChannels();

        // then every refund ends SUCCESS
        for (String orderNo : orders) {
            awaitRefund(orderNo, "the refund SUCCESS once the channel healed",
                    r -> r.path("status").asText().equals("SUCCESS"));
        }
        System.out.printf("all refunds SUCCESS %d ms after the outage began%n",
                (System.nanoTime() - outageStarted) / 1_000_000);
    }

    @Test
    void should_count_unknown_refund_statuses_and_empty_answers_as_failures_and_finish_after_healing() {
        // given a refund channel that answers 200 with a status no merchant knows
        cluster.channelFaults("WECHAT", Map.of("refundAnswer", "UNKNOWN_STATUS"));
        String orderNo = duplicatePaidOrder("odd-answer-" + UUID.randomUUID(), "ALIPAY", "WECHAT");

        // then each such answer is a counted failure
        awaitRefund(orderNo, "unknown statuses counted as failures", r -> r.path("attempts").asInt() >= 3
                && r.path("lastError").asText().contains("unknown refund status"));

        // and so is an empty answer
        cluster.channelFaults("WECHAT", Map.of("refundAnswer", "EMPTY_BODY"));
        awaitRefund(orderNo, "empty answers counted as failures", r -> r.path("attempts").asInt() >= 6
                && r.path("lastError").asText().contains("without a refund status"));
        assertThat(cluster.refunds(orderNo).get(0).path("status").asText()).isEqualTo("PENDING");

        // when the channel answers properly again, the refund finishes
        cluster.healChannels();
        awaitRefund(orderNo, "the refund SUCCESS after healing", r -> r.path("status").asText().equals("SUCCESS"));
    }

    @Test
    void should_report_a_parked_refund_with_its_money_until_support_retries_it() {
        // given a refund failing for good
        cluster.channelFaults("WECHAT", Map.of("refundFailureRate", 1.0));
        String orderNo = duplicatePaidOrder("parked-" + UUID.randomUUID(), "ALIPAY", "WECHAT");

        // then after failing for the give-up duration (40 s locally) it is parked MANUAL
        await("the refund parked MANUAL after 40 s of failures").atMost(Duration.ofSeconds(75))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(cluster.refunds(orderNo)
                        .get(0).path("status").asText()).as(cluster.refunds(orderNo).toString()).isEqualTo("MANUAL"));
        JsonNode refund = cluster.refunds(orderNo).get(0);
        String refundNo = refund.path("refundNo").asText();
        long amount = refund.path("amount").asLong();
        System.out.printf("refund %s parked MANUAL after %d failures%n", refundNo, refund.path("attempts").asInt());

        // and the reconciliation reports it with the money it holds
        List<String> reported = MoneyReport.violationsAbout(cluster, refundNo);
        assertThat(reported).as("the report names the parked refund").anySatisfy(v ->
                assertThat(v).startsWith("REFUND_PARKED_MANUAL refund " + refundNo).contains(amount + " fen"));

        // when support retries it once the channel is back
        cluster.healChannels();
        Cluster.Answer retried = cluster.post(cluster.paymentUrl + "/api/admin/refunds/" + refundNo + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);

        // then it finishes and the report no longer names it
        awaitRefund(orderNo, "the retried refund SUCCESS", r -> r.path("status").asText().equals("SUCCESS"));
        assertThat(MoneyReport.violationsAbout(cluster, refundNo, orderNo)).isEmpty();
    }

    private void awaitRefund(String orderNo, String what, java.util.function.Predicate<JsonNode> done) {
        await(what + " for order " + orderNo).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonNode refunds = cluster.refunds(orderNo);
                    assertThat(refunds.size()).as("refunds seen: " + refunds).isEqualTo(1);
                    assertThat(done.test(refunds.get(0))).as("refund seen: " + refunds.get(0)).isTrue();
                });
    }

    /** An order paid on {@code first}, then paid again on {@code second}: a duplicate to refund on {@code second}. */
    private String duplicatePaidOrder(String user, String first, String second) {
        int stock = cluster.stock(SKU);
        String orderNo = cluster.createOrder(user, SKU, 1).path("orderNo").asText();
        String paid = cluster.startPayment(orderNo, first).path("outTradeNo").asText();
        String duplicate = cluster.startPayment(orderNo, second).path("outTradeNo").asText();
        cluster.shopperPays(first, paid);
        cluster.awaitPaid(orderNo, SKU, stock - 1);
        cluster.shopperPays(second, duplicate);
        return orderNo;
    }
}
