package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.dualpay.common.signing.PlatformKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A correctly signed notify whose amount disagrees with the attempt (by one fen) is money the channel
 * holds: stored as an anomaly, never applied, refunded for the amount the channel reported, on that
 * channel, and the shopper told. The reconciliation stays clean for the order.
 */
class NotifyAnomalyIT {

    private static final String SKU = "SKU-CABLE";

    private final Cluster cluster = new Cluster();
    private String orderNo;

    @AfterEach
    void cancelOrder() {
        // the sandbox's knobs are put back by ClusterScenario; this scenario's open order is closed here
        if (orderNo != null) {
            cluster.cancel(orderNo);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WECHAT", "ALIPAY"})
    void should_store_refund_and_tell_a_signed_notify_one_fen_short(String channel) {
        // given a trade the shopper paid, whose channel notifies nothing by itself
        String user = "anomaly-" + UUID.randomUUID();
        if (cluster.stock(SKU) < 10) {
            cluster.setStock(SKU, 100);
        }
        int stock = cluster.stock(SKU);
        JsonNode order = cluster.createOrder(user, SKU, 1);
        orderNo = order.path("orderNo").asText();
        long amount = order.path("totalAmount").asLong();
        String outTradeNo = cluster.startPayment(orderNo, channel).path("outTradeNo").asText();
        cluster.channelFaults(channel, Map.of("dropNotifies", true));
        JsonNode trade = cluster.shopperPays(channel, outTradeNo);
        String channelTradeNo = trade.path("channelTradeNo").asText();

        // when the channel's signed notify says one fen less than the attempt
        PlatformKeys secret = cluster.platformKeys;
        var notify = SignedNotifies.signed(new SignedNotifies.Paid(channel, outTradeNo, channelTradeNo, amount - 1,
                Instant.now().truncatedTo(ChronoUnit.SECONDS)), secret);
        Cluster.Answer answer = cluster.raw(cluster.paymentUrl + "/api/payments/notify/" + channel,
                notify.contentType(), notify.body(), notify.headers());

        // then it is acknowledged (stored), never applied, and refunded: the amount the channel reported
        assertThat(SignedNotifies.acknowledged(channel, answer)).as(answer.body()).isTrue();
        await("the anomaly refund of " + outTradeNo + " SUCCESS").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    JsonNode refunds = cluster.refunds(orderNo);
                    assertThat(refunds.size()).as(refunds.toString()).isEqualTo(1);
                    assertThat(refunds.get(0).path("status").asText()).as(refunds.toString()).isEqualTo("SUCCESS");
                });
        JsonNode refund = cluster.refunds(orderNo).get(0);
        assertThat(refund.path("reason").asText()).isEqualTo("PAYMENT_ANOMALY");
        assertThat(refund.path("amount").asLong()).isEqualTo(amount - 1);
        assertThat(refund.path("channel").asText()).isEqualTo(channel);
        assertThat(refund.path("outTradeNo").asText()).isEqualTo(outTradeNo);
        JsonNode atChannel = cluster.get(cluster.sandboxUrl + "/sandbox/" + channel.toLowerCase() + "/refunds/"
                + refund.path("refundNo").asText()).json();
        assertThat(atChannel.path("status").asText()).as(atChannel.toString()).isEqualTo("SUCCESS");
        assertThat(atChannel.path("amount").asLong()).isEqualTo(amount - 1);

        // stored as an anomaly, the attempt closed, the order unpaid, the stock untouched
        assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ? "
                + "AND status = 'PROCESSED' AND outcome = 'ANOMALY_REFUNDED' AND anomaly LIKE 'AMOUNT_MISMATCH%' "
                + "AND amount = ?", outTradeNo, amount - 1)).isEqualTo(1);
        JsonNode payment = cluster.payment(orderNo);
        assertThat(payment.path("status").asText()).isEqualTo("PAYING");
        assertThat(payment.path("attempts").get(0).path("status").asText()).isEqualTo("CLOSED");
        assertThat(payment.path("attempts").get(0).path("applied").asBoolean()).isFalse();
        assertThat(cluster.order(orderNo).path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(cluster.stock(SKU)).isEqualTo(stock);
        cluster.awaitPaymentLogLine("notify anomaly: channel=" + channel, outTradeNo);

        // the shopper is told
        await("notifications of " + user).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cluster.notifications(user).findValuesAsText("kind")).as(cluster.notifications(user).toString())
                        .containsExactlyInAnyOrder("PAYMENT_ANOMALY_REFUNDED", "REFUND_SUCCEEDED"));

        // and the money rules of the report are clean for this order
        assertThat(MoneyReport.violationsAbout(cluster, orderNo, outTradeNo, refund.path("refundNo").asText()))
                .isEmpty();
        assertThat(MoneyReport.report(cluster).path("totals").path("anomalyFen").asLong()).isGreaterThanOrEqualTo(amount - 1);
    }
}
