package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualpay.cluster.Cluster.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** Cancel, timeout close, and every transition the state machine does not have. */
class OrderLifecycleIT {

    private static final String SKU = "SKU-CABLE";

    private final Cluster cluster = new Cluster();

    @Test
    void should_cancel_an_unpaid_order_and_close_its_channel_trades_so_that_nobody_can_pay_them() {
        // given an order with trades open on both channels
        cluster.setStock(SKU, 1000);
        String orderNo = cluster.createOrder("cancel-user", SKU, 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String alipay = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();

        // when
        Cluster.Answer cancelled = cluster.cancel(orderNo);

        // then
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        JsonNode last = lastTransition(orderNo);
        assertThat(last.path("from").asText() + "->" + last.path("to").asText()).isEqualTo("PENDING_PAYMENT->CANCELLED");
        assertThat(last.path("reason").asText()).isEqualTo("USER_CANCELLED");
        Cluster.eventually("both channel trades and attempts of " + orderNo + " CLOSED", () -> {
            assertThat(cluster.channelTrade("WECHAT", wechat).path("status").asText()).isEqualTo("CLOSED");
            assertThat(cluster.channelTrade("ALIPAY", alipay).path("status").asText()).isEqualTo("CLOSED");
            cluster.payment(orderNo).path("attempts")
                    .forEach(a -> assertThat(a.path("status").asText()).as(a.toString()).isEqualTo("CLOSED"));
        });
        assertThat(cluster.pay("WECHAT", wechat).status()).isEqualTo(409);
        assertThat(cluster.stock(SKU)).isEqualTo(1000);

        // and cancelling again is an idempotent repeat
        Cluster.Answer again = cluster.cancel(orderNo);
        assertThat(again.status()).isEqualTo(200);
        assertThat(cluster.order(orderNo).path("timeline").size()).isEqualTo(2);
    }

    @Test
    void should_refuse_every_move_the_state_machine_does_not_have_and_change_nothing() {
        cluster.setStock(SKU, 1000);
        // a paid order cannot be cancelled: the answer names the refund path
        String paid = cluster.createOrder("illegal-user", SKU, 1).path("orderNo").asText();
        cluster.pay("WECHAT", cluster.startPayment(paid, "WECHAT").path("outTradeNo").asText());
        cluster.awaitPaid(paid, SKU, 999);
        Cluster.Answer cancelPaid = cluster.cancel(paid);
        assertProblem(cancelPaid, 409, "ORDER_ALREADY_PAID");
        assertThat(cancelPaid.json().path("refundPath").asText()).isEqualTo("/api/orders/" + paid + "/refund");
        assertThat(cluster.order(paid).path("status").asText()).isEqualTo("PAID");

        // an unpaid order cannot be refunded, a cancelled one neither be paid nor refunded
        String unpaid = cluster.createOrder("illegal-user", SKU, 1).path("orderNo").asText();
        assertProblem(cluster.post(cluster.orderUrl + "/api/orders/" + unpaid + "/refund", ""), 409, "ORDER_NOT_REFUNDABLE");
        cluster.cancel(unpaid);
        assertProblem(cluster.post(cluster.paymentUrl + "/api/payments", Map.of("orderNo", unpaid, "channel", "ALIPAY")),
                409, "ORDER_NOT_PAYABLE");
        assertProblem(cluster.post(cluster.orderUrl + "/api/orders/" + unpaid + "/refund", ""), 409, "ORDER_NOT_REFUNDABLE");

        // the internal moves refuse what the state machine has not: CANCELLED -> PAID, PAID -> CLOSED
        assertProblem(cluster.post(cluster.orderUrl + "/internal/orders/" + unpaid + "/moves",
                Map.of("to", "REFUNDED", "reason", "TEST")), 409, "ILLEGAL_TRANSITION");
        assertProblem(cluster.post(cluster.orderUrl + "/internal/orders/" + paid + "/moves",
                Map.of("to", "CLOSED", "reason", "TEST")), 409, "ILLEGAL_TRANSITION");
        assertProblem(cluster.cancel("ORD-NOPE"), 404, "ORDER_NOT_FOUND");

        assertThat(cluster.order(unpaid).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cluster.order(unpaid).path("timeline").size()).isEqualTo(2);
        assertThat(cluster.order(paid).path("timeline").size()).isEqualTo(2);
        assertThat(cluster.stock(SKU)).isEqualTo(999);
    }

    @Test
    void should_close_an_unpaid_order_on_time_together_with_its_channel_trade() {
        // given an order that waits 12 s for payment, with a trade open (the channel's expires sooner)
        cluster.setStock(SKU, 1000);
        JsonNode order = cluster.createOrder("timeout-user", SKU, 1, 12);
        String orderNo = order.path("orderNo").asText();
        JsonNode started = cluster.startPayment(orderNo, "ALIPAY");
        assertThat(java.time.Instant.parse(started.path("expireAt").asText()))
                .isBefore(java.time.Instant.parse(order.path("expireAt").asText()));
        String outTradeNo = started.path("outTradeNo").asText();

        // when nobody pays, then soon after expiry (the job runs every second) it is closed; how soon is
        // printed, the bound is generous for a loaded machine
        Instant expireAt = Instant.parse(order.path("expireAt").asText());
        Cluster.eventually("order " + orderNo + " CLOSED after its expiry", Duration.ofSeconds(12 + 20), () ->
                assertThat(cluster.order(orderNo).path("status").asText()).isEqualTo("CLOSED"));
        System.out.printf("timeout close: order closed %.1f s after its expiry%n",
                Duration.between(expireAt, Instant.now()).toMillis() / 1e3);
        assertThat(lastTransition(orderNo).path("reason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        Cluster.eventually("the attempt and the channel trade of " + outTradeNo + " CLOSED", () -> {
            assertThat(cluster.payment(orderNo).path("attempts").get(0).path("status").asText()).isEqualTo("CLOSED");
            assertThat(cluster.channelTrade("ALIPAY", outTradeNo).path("status").asText()).isEqualTo("CLOSED");
        });

        // and a shopper who pays now is refused by the channel
        assertThat(cluster.pay("ALIPAY", outTradeNo).status()).isEqualTo(409);
        assertThat(cluster.stock(SKU)).isEqualTo(1000);
    }

    private JsonNode lastTransition(String orderNo) {
        JsonNode timeline = cluster.order(orderNo).path("timeline");
        return timeline.get(timeline.size() - 1);
    }

}
