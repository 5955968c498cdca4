package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox's notify knobs, each turned on a real payment: the channel's own notify tampered with on
 * its way (refused, counted, and the payment still found by asking the channel), delivered twice at
 * once, held back, and out of order.
 */
class ChannelNotifyKnobsIT {

    private static final String SKU = "SKU-CABLE";

    private final Cluster cluster = new Cluster();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "WECHAT, AMOUNT, BAD_SIGNATURE",
            "WECHAT, SIGNATURE, BAD_SIGNATURE",
            "WECHAT, CIPHERTEXT, UNDECRYPTABLE",
            "WECHAT, OLD_TIMESTAMP, STALE_TIMESTAMP",
            "ALIPAY, AMOUNT, BAD_SIGNATURE",
            "ALIPAY, SIGNATURE, BAD_SIGNATURE",
            "ALIPAY, OLD_TIMESTAMP, STALE_TIMESTAMP"})
    void should_refuse_and_count_a_tampered_notify_and_still_find_the_payment_by_asking(String channel, String tamper,
            String reason) {
        // given an order with an open trade on a channel whose notifies are tampered with on their way
        stockUp();
        int stock = cluster.stock(SKU);
        String orderNo = cluster.createOrder("tamper-" + UUID.randomUUID(), SKU, 1).path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, channel).path("outTradeNo").asText();
        cluster.channelFaults(channel, Map.of("tamperNotifies", tamper));
        String refused = "dualpay_notify_refused_total{channel=\"" + channel + "\",reason=\"" + reason + "\"";
        double refusedBefore = cluster.metric(cluster.paymentUrl, refused);

        // when the shopper pays
        cluster.shopperPays(channel, outTradeNo);

        // then the channel's notify is refused for what was done to it, and counted
        Cluster.eventually("the tampered notify of " + outTradeNo + " refused", Duration.ofSeconds(20), () -> {
            JsonNode attempts = cluster.channelTrade(channel, outTradeNo).path("notifyAttempts");
            assertThat(attempts.size()).as(attempts.toString()).isPositive();
            assertThat(attempts.findValuesAsText("accepted")).as(attempts.toString()).containsOnly("false");
            assertThat(attempts.get(0).path("httpStatus").asInt()).as(attempts.toString()).isIn(400, 401);
        });
        assertThat(cluster.metric(cluster.paymentUrl, refused)).isGreaterThanOrEqualTo(refusedBefore + 1);
        assertThat(cluster.awaitPaymentLogLine("notify refused: channel=" + channel + " reason=" + reason)).isNotBlank();
        // and the money is not lost: asking the channel finds the payment, applied once
        cluster.awaitPaid(orderNo, SKU, stock - 1);
        assertThat(cluster.rows("payment_db", "SELECT source FROM notify_inbox WHERE out_trade_no = ?", outTradeNo))
                .as("what reached the inbox").containsExactly(Map.of("source", "QUERY"));
        assertThat(cluster.order(orderNo).path("timeline").findValuesAsText("to")).containsOnlyOnce("PAID");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WECHAT", "ALIPAY"})
    void should_apply_a_notify_the_channel_sends_twice_at_once_exactly_once(String channel) {
        // given a channel that sends each notify twice at once
        stockUp();
        int stock = cluster.stock(SKU);
        String orderNo = cluster.createOrder("twice-" + UUID.randomUUID(), SKU, 1).path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, channel).path("outTradeNo").asText();
        cluster.channelFaults(channel, Map.of("duplicateNotifies", true));

        // when the shopper pays
        JsonNode trade = cluster.shopperPays(channel, outTradeNo);

        // then the notify is applied once, from the channel's notify, and the channel's delivery accepted
        cluster.awaitPaid(orderNo, SKU, stock - 1);
        Cluster.eventually("the notify of " + outTradeNo + " accepted", () -> assertThat(
                cluster.channelTrade(channel, outTradeNo).path("notifyAttempts").findValuesAsText("accepted"))
                .contains("true"));
        assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ?", outTradeNo))
                .isEqualTo(1);
        assertThat(cluster.order(orderNo).path("timeline").findValuesAsText("to")).containsOnlyOnce("PAID");
        assertThat(cluster.count("inventory_db",
                "SELECT COUNT(*) FROM stock_movement WHERE order_no = ? AND kind = 'DEDUCT'", orderNo)).isEqualTo(1);
        String channelTradeNo = trade.path("channelTradeNo").asText();
        cluster.awaitPaymentLogLine("committed: PAID " + channel + " " + channelTradeNo + " ");
        assertThat(cluster.paymentLogLines("committed: PAID " + channel + " " + channelTradeNo + " ")).hasSize(1);
        // and neither delivery was taken for a replay
        assertThat(cluster.paymentLogLines("notify refused: channel=" + channel, "outTradeNo=" + outTradeNo)).isEmpty();
        cluster.awaitNoUndoLog();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WECHAT", "ALIPAY"})
    void should_find_a_payment_whose_notify_is_held_back_and_acknowledge_the_notify_when_it_comes(String channel) {
        // given a channel whose notifies leave 12 s late (the payment service asks after 2 s on the test clusters)
        stockUp();
        int stock = cluster.stock(SKU);
        String orderNo = cluster.createOrder("late-" + UUID.randomUUID(), SKU, 1).path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, channel).path("outTradeNo").asText();
        cluster.channelFaults(channel, Map.of("notifyDelayMs", 12_000));

        // when the shopper pays
        cluster.shopperPays(channel, outTradeNo);

        // then asking the channel finds the payment before its notify arrives
        cluster.awaitPaid(orderNo, SKU, stock - 1);
        // and the late notify is acknowledged without applying anything again
        Cluster.eventually("the late notify of " + outTradeNo + " accepted", Duration.ofSeconds(30), () -> assertThat(
                cluster.channelTrade(channel, outTradeNo).path("notifyAttempts").findValuesAsText("accepted"))
                .containsExactly("true"));
        assertThat(cluster.rows("payment_db", "SELECT source FROM notify_inbox WHERE out_trade_no = ?", outTradeNo))
                .as("what reached the inbox: the query's finding only").containsExactly(Map.of("source", "QUERY"));
        assertThat(cluster.order(orderNo).path("timeline").findValuesAsText("to")).containsOnlyOnce("PAID");
        assertThat(cluster.stock(SKU)).isEqualTo(stock - 1);
    }

    @Test
    void should_pay_once_and_refund_the_other_channel_when_both_notifies_arrive_out_of_order() {
        // given an order with a trade open on each channel, both channels delivering out of order
        stockUp();
        int stock = cluster.stock(SKU);
        String user = "reorder-" + UUID.randomUUID();
        String orderNo = cluster.createOrder(user, SKU, 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String alipay = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.channelFaults("WECHAT", Map.of("reorderNotifies", true));
        cluster.channelFaults("ALIPAY", Map.of("reorderNotifies", true));

        // when the shopper pays on both at once
        AtOnce.run(List.<Supplier<Cluster.Answer>>of(() -> cluster.pay("WECHAT", wechat),
                () -> cluster.pay("ALIPAY", alipay)));

        // then whichever payment was found first paid the order, once, and the other is refunded
        cluster.awaitPaid(orderNo, SKU, stock - 1);
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        JsonNode order = cluster.order(orderNo);
        JsonNode refund = cluster.refunds(orderNo).get(0);
        assertThat(refund.path("reason").asText()).isEqualTo("DUPLICATE_PAYMENT");
        assertThat(refund.path("outTradeNo").asText()).isIn(wechat, alipay)
                .isNotEqualTo(order.path("payment").path("outTradeNo").asText());
        assertThat(order.path("timeline").findValuesAsText("to")).containsOnlyOnce("PAID");
        assertThat(cluster.stock(SKU)).isEqualTo(stock - 1);
        assertThat(new Books(cluster).violations(List.of(orderNo))).isEmpty();
        cluster.awaitNoUndoLog();
    }

    private void stockUp() {
        if (cluster.stock(SKU) < 10) {
            cluster.setStock(SKU, 100);
        }
    }
}
