package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.dualpay.common.signing.PlatformKeys;
import org.junit.jupiter.api.Test;

/**
 * The channels as a payment team sees them: notifies that arrive many times at two instances, that
 * never arrive, that arrive at an instance which dies right after storing them; and a channel that
 * starts failing and must leave the cashier, and come back.
 */
class PaymentChannelsIT {

    private final Cluster cluster = new Cluster();

    @Test
    void should_apply_each_of_50_orders_once_when_every_notify_arrives_five_times_at_two_instances() throws Exception {
        assertThat(cluster.payment2Url).as("a second payment-service instance (PAYMENT2_URL)").isNotBlank();
        cluster.setStock("SKU-MONITOR", 100_000);
        int orders = 50;
        List<String> orderNos = new ArrayList<>();
        List<SignedNotifies.Paid> payments = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String channel = i % 2 == 0 ? "WECHAT" : "ALIPAY";
            JsonNode order = cluster.createOrder("five-times-" + i, "SKU-MONITOR", 1);
            String outTradeNo = cluster.startPayment(order.path("orderNo").asText(), channel).path("outTradeNo").asText();
            orderNos.add(order.path("orderNo").asText());
            payments.add(new SignedNotifies.Paid(channel, outTradeNo, "T" + System.nanoTime() + i,
                    order.path("totalAmount").asLong(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        }

        // when: per order, five deliveries at once, alternating between the two instances
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Cluster.Answer>>> futures = new ArrayList<>();
        for (SignedNotifies.Paid paid : payments) {
            futures.add(pool.submit(() -> {
                List<Supplier<Cluster.Answer>> deliveries = new ArrayList<>();
                Instant base = Instant.now();
                for (int copy = 0; copy < 5; copy++) {
                    String instance = copy % 2 == 0 ? cluster.paymentUrl : cluster.payment2Url;
                    Instant sentAt = base.minusSeconds(copy);
                    deliveries.add(() -> deliver(instance, paid, sentAt));
                }
                return AtOnce.run(deliveries);
            }));
        }
        List<Cluster.Answer> answers = new ArrayList<>();
        for (Future<List<Cluster.Answer>> future : futures) {
            answers.addAll(future.get());
        }
        pool.shutdownNow();

        // then every delivery is acknowledged, every order paid once, stock deducted once,
        // one inbox row per payment, processed once
        for (int i = 0; i < orders; i++) {
            for (int copy = 0; copy < 5; copy++) {
                Cluster.Answer answer = answers.get(i * 5 + copy);
                assertThat(SignedNotifies.acknowledged(payments.get(i).channel(), answer))
                        .as(answer.status() + " " + answer.body()).isTrue();
            }
        }
        Cluster.eventually("stock of SKU-MONITOR down by " + orders, Duration.ofSeconds(60), () ->
                assertThat(cluster.stock("SKU-MONITOR")).isEqualTo(100_000 - orders));
        Cluster.eventually("all " + orders + " orders PAID", () -> assertThat(orderNos.stream()
                .filter(no -> !cluster.order(no).path("status").asText().equals("PAID")).toList()).isEmpty());
        Cluster.eventually("one inbox row per payment, PROCESSED as PAID, and one committing transaction each", () -> {
            String logs = cluster.paymentLogs();
            for (SignedNotifies.Paid paid : payments) {
                assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ?",
                        paid.outTradeNo())).as("inbox rows of " + paid.outTradeNo()).isEqualTo(1);
                assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ? "
                        + "AND status = 'PROCESSED' AND outcome = 'PAID'", paid.outTradeNo()))
                        .as("inbox row of " + paid.outTradeNo() + " PROCESSED as PAID").isEqualTo(1);
                assertThat(Pattern.compile("committed: PAID " + paid.channel() + " " + paid.channelTradeNo() + " ")
                        .matcher(logs).results().count()).as("global transactions that paid " + paid.outTradeNo())
                        .isEqualTo(1);
            }
        });
        Cluster.eventually("the books of the " + orders + " orders balance", () ->
                assertThat(new Books(cluster).violations(orderNos)).isEmpty());
    }

    @Test
    void should_pay_orders_whose_notifies_were_all_dropped_by_asking_the_channel() {
        // given the channels drop every notify
        cluster.setStock("SKU-MOUSE", 1000);
        cluster.channelFaults("WECHAT", Map.of("dropNotifies", true));
        cluster.channelFaults("ALIPAY", Map.of("dropNotifies", true));
        List<String> orderNos = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String channel = i % 2 == 0 ? "WECHAT" : "ALIPAY";
            String orderNo = cluster.createOrder("dropped-" + i, "SKU-MOUSE", 1).path("orderNo").asText();
            cluster.pay(channel, cluster.startPayment(orderNo, channel).path("outTradeNo").asText());
            orderNos.add(orderNo);
        }
        long paid = System.nanoTime();

        // then the active query finds them (on the local cluster it asks after 2 s, every second; the
        // time it took is printed, the bound is generous for a loaded machine)
        Cluster.eventually("all 10 orders PAID without a notify", () -> assertThat(orderNos.stream()
                .filter(no -> !cluster.order(no).path("status").asText().equals("PAID")).toList()).isEmpty());
        System.out.printf("active query: 10 orders with dropped notifies PAID %.1f s after the last payment%n",
                (System.nanoTime() - paid) / 1e9);
        Cluster.eventually("stock of SKU-MOUSE down by 10", () -> assertThat(cluster.stock("SKU-MOUSE")).isEqualTo(990));
        Cluster.eventually("each payment learnt by query and PROCESSED", () -> {
            for (String orderNo : orderNos) {
                String outTradeNo = cluster.order(orderNo).path("payment").path("outTradeNo").asText();
                assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ? "
                        + "AND source = 'QUERY' AND status = 'PROCESSED'", outTradeNo)).as(outTradeNo).isEqualTo(1);
            }
        });
    }

    @Test
    void should_finish_a_stored_notify_when_the_instance_that_stored_it_is_killed_before_processing() {
        assertThat(cluster.payment2Url).as("a second payment-service instance (PAYMENT2_URL)").isNotBlank();
        // given the second instance halts (as kill -9 would) right after storing a notify
        cluster.setStock("SKU-CABLE", 100);
        String orderNo = cluster.createOrder("killed-after-store", "SKU-CABLE", 1).path("orderNo").asText();
        Cluster.Answer started = cluster.post(cluster.payment2Url + "/api/payments",
                Map.of("orderNo", orderNo, "channel", "WECHAT"));
        String outTradeNo = started.json().path("outTradeNo").asText();
        cluster.armFault(cluster.payment2Url, "payment.inbox.after-store", "HALT", 1);

        // when the shopper pays: the channel notifies the second instance, which stores the notify and dies
        cluster.pay("WECHAT", outTradeNo);
        Cluster.eventually("the notify of " + outTradeNo + " stored", () -> assertThat(cluster.count("payment_db",
                "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ?", outTradeNo)).isEqualTo(1));
        cluster.channelFaults("WECHAT", Map.of("dropNotifies", true));

        // then an inbox worker processes the stored row: the order is paid once
        cluster.awaitPaid(orderNo, "SKU-CABLE", 99);
        String channelTradeNo = cluster.channelTrade("WECHAT", outTradeNo).path("channelTradeNo").asText();
        cluster.awaitPaymentLogLine("(NOTIFY WECHAT " + channelTradeNo + ") processed by worker");
        assertThat(cluster.channelTrade("WECHAT", outTradeNo).path("notifyAttempts").findValuesAsText("accepted"))
                .doesNotContain("true");
    }

    @Test
    void should_hide_a_failing_channel_from_the_cashier_and_offer_it_again_once_it_recovers() {
        cluster.setStock("SKU-CABLE", 1000);
        // given WeChat fails half of its create-trade calls
        cluster.channelFaults("WECHAT", Map.of("createTradeFailureRate", 0.5));
        String orderNo = cluster.createOrder("cashier", "SKU-CABLE", 1).path("orderNo").asText();

        // when shoppers keep starting WeChat payments, the channel leaves the cashier; Alipay stays
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            cluster.post(cluster.paymentUrl + "/api/payments", Map.of("orderNo", orderNo, "channel", "WECHAT"));
            return !offered(orderNo, "WECHAT");
        });
        JsonNode wechat = channel(orderNo, "WECHAT");
        assertThat(wechat.path("reason").asText()).contains("failed");
        assertThat(offered(orderNo, "ALIPAY")).isTrue();
        Cluster.assertProblem(cluster.post(cluster.paymentUrl + "/api/payments",
                Map.of("orderNo", orderNo, "channel", "WECHAT")), 503, "CHANNEL_UNAVAILABLE");

        // then, once it is healthy again, probing shoppers bring it back for everyone
        cluster.channelFaults("WECHAT", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String probe = cluster.createOrder("cashier-probe", "SKU-CABLE", 1).path("orderNo").asText();
            if (offered(probe, "WECHAT")) {
                cluster.post(cluster.paymentUrl + "/api/payments", Map.of("orderNo", probe, "channel", "WECHAT"));
            }
            return channel(probe, "WECHAT").path("available").asBoolean()
                    && channel(probe, "WECHAT").path("reason").isMissingNode();
        });
        assertThat(offered(orderNo, "WECHAT")).isTrue();
    }

    private boolean offered(String orderNo, String channel) {
        return channel(orderNo, channel).path("available").asBoolean();
    }

    private JsonNode channel(String orderNo, String channel) {
        Cluster.Answer cashier = cluster.get(cluster.paymentUrl + "/api/cashier/" + orderNo);
        assertThat(cashier.status()).as(cashier.body()).isEqualTo(200);
        for (JsonNode c : cashier.json().path("channels")) {
            if (c.path("channel").asText().equals(channel)) {
                return c;
            }
        }
        throw new AssertionError("no " + channel + " in " + cashier.body());
    }

    /** A delivery as a channel's retry makes it: signed afresh, with its own send time. */
    private Cluster.Answer deliver(String instance, SignedNotifies.Paid paid, Instant sentAt) {
        PlatformKeys secret = cluster.platformKeys;
        var request = SignedNotifies.signed(paid, secret, sentAt);
        return cluster.raw(instance + "/api/payments/notify/" + paid.channel(), request.contentType(), request.body(),
                request.headers());
    }
}
