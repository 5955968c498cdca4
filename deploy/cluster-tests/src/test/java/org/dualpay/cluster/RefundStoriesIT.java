package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** Money that must go back: duplicate, late and out-of-stock payments, a shopper's refund, a failing channel. */
class RefundStoriesIT {

    private final Cluster cluster = new Cluster();

    @Test
    void should_refund_the_second_channel_when_the_order_was_already_paid_and_tell_the_user() {
        // given an order paid on WeChat
        String user = "dup-" + UUID.randomUUID();
        cluster.setStock("SKU-MOUSE", 100);
        JsonNode order = cluster.createOrder(user, "SKU-MOUSE", 2);
        String orderNo = order.path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String alipay = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.pay("WECHAT", wechat);
        cluster.awaitPaid(orderNo, "SKU-MOUSE", 98);

        // when the shopper pays the same order on Alipay too
        cluster.pay("ALIPAY", alipay);

        // then the Alipay money goes back, the order stays paid once, the stock deducted once
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        JsonNode refund = cluster.refunds(orderNo).get(0);
        assertThat(refund.path("reason").asText()).isEqualTo("DUPLICATE_PAYMENT");
        assertThat(refund.path("outTradeNo").asText()).isEqualTo(alipay);
        assertThat(refund.path("amount").asLong()).isEqualTo(order.path("totalAmount").asLong());
        assertThat(cluster.order(orderNo).path("payment").path("outTradeNo").asText()).isEqualTo(wechat);
        assertThat(cluster.stock("SKU-MOUSE")).isEqualTo(98);
        assertThat(cluster.channelTrade("ALIPAY", alipay).path("status").asText()).isEqualTo("SUCCESS");
        assertThat(cluster.get(cluster.sandboxUrl + "/sandbox/alipay/refunds/" + refund.path("refundNo").asText())
                .json().path("status").asText()).isEqualTo("SUCCESS");
        Cluster.eventually("the shopper told of the late or duplicate payment and of its refund", () ->
                assertThat(cluster.notifications(user).findValuesAsText("kind"))
                        .containsExactlyInAnyOrder("DUPLICATE_PAYMENT_DETECTED", "REFUND_SUCCEEDED"));
    }

    @Test
    void should_finish_a_wechat_refund_from_wechat_s_refund_notify() {
        // given an order paid on Alipay, and every payment-service's refund dispatcher slowed by 5 s for
        // its next four steps (submitting a refund, asking about it, and two to spare for any other refund)
        String user = "refund-notify-" + UUID.randomUUID();
        cluster.setStock("SKU-MOUSE", 100);
        String orderNo = cluster.createOrder(user, "SKU-MOUSE", 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String alipay = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.pay("ALIPAY", alipay);
        cluster.awaitPaid(orderNo, "SKU-MOUSE", 99);
        for (String instance : cluster.paymentInstances()) {
            cluster.armFault(instance, "payment.refund.dispatch", "DELAY", 4, 5000);
        }

        // when the shopper pays on WeChat too: that money goes back through a WeChat refund
        cluster.pay("WECHAT", wechat);

        // then WeChat's refund notify (REFUND.SUCCESS, signed and encrypted) finishes the refund while the
        // dispatcher's own question still waits, and it is finished once
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        JsonNode refund = cluster.refunds(orderNo).get(0);
        String refundNo = refund.path("refundNo").asText();
        assertThat(refund.path("outTradeNo").asText()).isEqualTo(wechat);
        assertThat(cluster.awaitPaymentLogLine("refund " + refundNo + " of " + wechat
                + " reported SUCCESS by WECHAT's notify (REFUND.SUCCESS)")).isNotBlank();
        JsonNode atChannel = cluster.get(cluster.sandboxUrl + "/sandbox/wechat/refunds/" + refundNo).json();
        assertThat(atChannel.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(atChannel.path("notifyAttempts").findValuesAsText("accepted")).as(atChannel.toString())
                .containsExactly("true");
        Cluster.eventually("the shopper told of the duplicate payment and of its refund, once each", () ->
                assertThat(cluster.notifications(user).findValuesAsText("kind"))
                        .containsExactlyInAnyOrder("DUPLICATE_PAYMENT_DETECTED", "REFUND_SUCCEEDED"));
        assertThat(cluster.paymentLogLines("refund " + refundNo + " of " + wechat + " succeeded")).hasSize(1);
    }

    @Test
    void should_refund_a_payment_that_arrives_after_the_order_was_cancelled() {
        // given a trade the shopper pays while its notify is held back, and the order cancelled meanwhile
        String user = "late-" + UUID.randomUUID();
        cluster.setStock("SKU-CABLE", 100);
        String orderNo = cluster.createOrder(user, "SKU-CABLE", 1).path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.channelFaults("ALIPAY", Map.of("dropNotifies", true));
        cluster.pay("ALIPAY", outTradeNo);
        cluster.channelFaults("ALIPAY", Map.of());

        // when the order is cancelled (closing the trade finds it paid), and the notify arrives late as well
        assertThat(cluster.cancel(orderNo).json().path("status").asText()).isEqualTo("CANCELLED");
        cluster.post(cluster.sandboxUrl + "/sandbox/alipay/trades/" + outTradeNo + "/notify", "");

        // then exactly one refund, reason ORDER_CANCELLED, and the stock untouched
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        assertThat(cluster.refunds(orderNo).get(0).path("reason").asText()).isEqualTo("ORDER_CANCELLED");
        assertThat(cluster.order(orderNo).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cluster.stock("SKU-CABLE")).isEqualTo(100);
        Cluster.eventually("the shopper told of the late or duplicate payment and of its refund", () ->
                assertThat(cluster.notifications(user).findValuesAsText("kind"))
                        .containsExactlyInAnyOrder("LATE_PAYMENT_DETECTED", "REFUND_SUCCEEDED"));
    }

    @Test
    void should_pay_one_order_and_close_and_refund_the_other_when_two_pay_for_the_last_unit() {
        // given one unit left and two orders for it
        cluster.setStock("SKU-LAST-ONE", 1);
        String first = cluster.createOrder("last-a", "SKU-LAST-ONE", 1).path("orderNo").asText();
        String second = cluster.createOrder("last-b", "SKU-LAST-ONE", 1).path("orderNo").asText();
        String a = cluster.startPayment(first, "WECHAT").path("outTradeNo").asText();
        String b = cluster.startPayment(second, "ALIPAY").path("outTradeNo").asText();

        // when both pay at once
        AtOnce.run(List.<java.util.function.Supplier<Cluster.Answer>>of(() -> cluster.pay("WECHAT", a),
                () -> cluster.pay("ALIPAY", b)));

        // then one is PAID, the other CLOSED for OUT_OF_STOCK and refunded; no stock below zero
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> statuses = List.of(cluster.order(first).path("status").asText(),
                    cluster.order(second).path("status").asText());
            assertThat(statuses).containsExactlyInAnyOrder("PAID", "CLOSED");
        });
        String closed = cluster.order(first).path("status").asText().equals("CLOSED") ? first : second;
        String paid = closed.equals(first) ? second : first;
        cluster.awaitRefunds(closed, 1, "SUCCESS");
        assertThat(cluster.refunds(closed).get(0).path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        JsonNode timeline = cluster.order(closed).path("timeline");
        assertThat(timeline.get(timeline.size() - 1).path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(cluster.refunds(paid).size()).isZero();
        assertThat(cluster.stock("SKU-LAST-ONE")).isZero();
    }

    @Test
    void should_refund_a_paid_order_on_request_restoring_its_stock() {
        // given a paid order
        cluster.setStock("SKU-HEADSET", 100);
        String orderNo = cluster.createOrder("refund-user", "SKU-HEADSET", 3).path("orderNo").asText();
        cluster.pay("ALIPAY", cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText());
        cluster.awaitPaid(orderNo, "SKU-HEADSET", 97);

        // when
        Cluster.Answer accepted = cluster.post(cluster.orderUrl + "/api/orders/" + orderNo + "/refund", "");

        // then 202, and once the channel is done: REFUNDED, stock back, one refund, once
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isIn("REFUNDING", "REFUNDED");
        Cluster.eventually("order " + orderNo + " REFUNDED", () ->
                assertThat(cluster.order(orderNo).path("status").asText()).isEqualTo("REFUNDED"));
        assertThat(cluster.stock("SKU-HEADSET")).isEqualTo(100);
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        assertThat(cluster.refunds(orderNo).get(0).path("reason").asText()).isEqualTo("USER_REQUEST");
        assertThat(cluster.order(orderNo).path("timeline").findValuesAsText("to"))
                .containsExactly("PENDING_PAYMENT", "PAID", "REFUNDING", "REFUNDED");

        // and asking again changes nothing
        assertThat(cluster.post(cluster.orderUrl + "/api/orders/" + orderNo + "/refund", "").status()).isEqualTo(202);
        assertThat(cluster.refunds(orderNo).size()).isEqualTo(1);
        assertThat(cluster.stock("SKU-HEADSET")).isEqualTo(100);
    }

    @Test
    void should_finish_every_refund_once_a_failing_refund_channel_recovers() {
        // given refunds failing on WeChat
        cluster.channelFaults("WECHAT", Map.of("refundFailureRate", 1.0));
        String orderNo = duplicatePaidOrder("flaky-refund", "ALIPAY", "WECHAT");

        // when the channel fails for a while (at least two failed tries), then recovers
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.refunds(orderNo).size() == 1
                && cluster.refunds(orderNo).get(0).path("attempts").asInt() >= 2);
        assertThat(cluster.refunds(orderNo).get(0).path("status").asText()).isEqualTo("PENDING");
        cluster.channelFaults("WECHAT", Map.of());

        // then the refund succeeds
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
    }

    @Test
    void should_park_refunds_as_manual_when_the_channel_keeps_failing_and_finish_them_on_an_admin_retry() {
        // given refunds failing on WeChat for good
        cluster.channelFaults("WECHAT", Map.of("refundFailureRate", 1.0));
        String orderNo = duplicatePaidOrder("dead-refund", "ALIPAY", "WECHAT");

        // then the refund ends MANUAL, visible to customer support
        cluster.awaitRefunds(orderNo, 1, "MANUAL");
        String refundNo = cluster.refunds(orderNo).get(0).path("refundNo").asText();
        assertThat(cluster.get(cluster.paymentUrl + "/api/admin/refunds?status=MANUAL").json().findValuesAsText("refundNo"))
                .contains(refundNo);
        assertThat(cluster.refunds(orderNo).get(0).path("lastError").asText()).isNotBlank();

        // when the channel is back and support retries it
        cluster.channelFaults("WECHAT", Map.of());
        Cluster.Answer retried = cluster.post(cluster.paymentUrl + "/api/admin/refunds/" + refundNo + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);

        // then it finishes, and a second retry is refused
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        Cluster.assertProblem(cluster.post(cluster.paymentUrl + "/api/admin/refunds/" + refundNo + "/retry", ""),
                409, "REFUND_NOT_RETRYABLE");
    }

    /** An order paid on {@code first}, then paid again on {@code second}: a duplicate to refund on {@code second}. */
    private String duplicatePaidOrder(String user, String first, String second) {
        cluster.setStock("SKU-CABLE", 100);
        String orderNo = cluster.createOrder(user, "SKU-CABLE", 1).path("orderNo").asText();
        String paid = cluster.startPayment(orderNo, first).path("outTradeNo").asText();
        String duplicate = cluster.startPayment(orderNo, second).path("outTradeNo").asText();
        cluster.pay(first, paid);
        cluster.awaitPaid(orderNo, "SKU-CABLE", 99);
        cluster.pay(second, duplicate);
        return orderNo;
    }
}
