package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dualpay.common.signing.PlatformKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A channel delivers the same payment several times, here five times at the same moment. */
class DuplicateNotifyIT {

    private static final String SKU = "SKU-MOUSE";

    private final Cluster cluster = new Cluster();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WECHAT", "ALIPAY"})
    void should_apply_a_notify_delivered_five_times_at_once_exactly_once(String channel) {
        // given an order with an open channel trade, and the channel's notify of its payment
        cluster.setStock(SKU, 50);
        JsonNode order = cluster.createOrder("duplicate-" + channel, SKU, 3);
        String orderNo = order.path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, channel).path("outTradeNo").asText();
        var paid = new SignedNotifies.Paid(channel, outTradeNo, "T" + System.nanoTime(),
                order.path("totalAmount").asLong(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        PlatformKeys secret = cluster.platformKeys;

        // when the same payment is notified five times at once, all sent in the same second (Alipay's
        // five deliveries are then the same request: one notify id, one send time; a redelivery, not a replay)
        Instant base = Instant.now();
        List<Cluster.Answer> answers = AtOnce.run(5, () -> {
            var request = SignedNotifies.signed(paid, secret, base);
            return cluster.raw(cluster.paymentUrl + "/api/payments/notify/" + channel, request.contentType(),
                    request.body(), request.headers());
        });

        // then every delivery is acknowledged (the later ones wait for the first one's global lock),
        // and the payment was applied once
        answers.forEach(a -> assertThat(SignedNotifies.acknowledged(channel, a)).as(a.status() + " " + a.body()).isTrue());
        cluster.awaitPaid(orderNo, SKU, 47);
        JsonNode paidOrder = cluster.order(orderNo);
        assertThat(paidOrder.path("timeline").findValuesAsText("to")).containsOnlyOnce("PAID");
        assertThat(cluster.count("inventory_db",
                "SELECT COUNT(*) FROM stock_movement WHERE order_no = ? AND kind = 'DEDUCT'", orderNo)).isEqualTo(1);
        String xid = paidOrder.path("timeline").get(1).path("xid").asText();
        cluster.awaitPaymentLogLine("global transaction " + xid + " committed: PAID " + channel + " " + paid.channelTradeNo() + " ");
        assertThat(cluster.paymentLogLines("committed: PAID " + channel + " " + paid.channelTradeNo() + " "))
                .as("global transactions that applied the payment").hasSize(1);

        // and a sixth delivery later is acknowledged without any transaction
        var again = SignedNotifies.signed(paid, secret, base.plusSeconds(1));
        Cluster.Answer late = cluster.raw(cluster.paymentUrl + "/api/payments/notify/" + channel, again.contentType(),
                again.body(), again.headers());
        assertThat(SignedNotifies.acknowledged(channel, late)).as(late.body()).isTrue();
        assertThat(cluster.stock(SKU)).isEqualTo(47);
        // and no delivery was taken for a replay
        assertThat(cluster.paymentLogLines("notify refused: channel=" + channel + " reason=REPLAYED", "outTradeNo=" + outTradeNo))
                .isEmpty();
        cluster.awaitNoUndoLog();
    }
}
