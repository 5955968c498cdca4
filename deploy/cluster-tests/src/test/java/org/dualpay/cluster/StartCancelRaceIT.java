package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shopper starts a payment while the order is being cancelled, 200 times, with random small delays
 * on both sides; a started trade is paid at once when the shopper got one. No channel trade of a
 * cancelled order may stay open, and any money that reached the channel goes back.
 */
class StartCancelRaceIT {

    private static final int RUNS = 200;
    private static final int AT_A_TIME = 8;
    private static final String SKU = "SKU-MOUSE";

    private final Cluster cluster = new Cluster();
    private record Run(String orderNo, String channel, int startStatus, String startCode, int cancelStatus,
            int payStatus) {
    }

    @BeforeEach
    void stock() {
        // the stock of every SKU, the sandbox's knobs and the fault points are put back by ClusterScenario
        cluster.setStock(SKU, 10_000);
    }

    @Test
    void should_leave_no_open_trade_for_a_cancelled_order_and_refund_any_money() throws Exception {
        List<Run> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(AT_A_TIME);
        ExecutorService sides = Executors.newCachedThreadPool();
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                int n = i;
                futures.add(pool.submit(() -> race(n, sides)));
            }
            for (Future<Run> future : futures) {
                runs.add(future.get());
            }
        } finally {
            pool.shutdownNow();
            sides.shutdownNow();
        }

        Map<String, Integer> outcomes = new TreeMap<>();
        runs.forEach(r -> outcomes.merge("start " + r.startStatus() + (r.startCode().isEmpty() ? "" : " " + r.startCode())
                + " / cancel " + r.cancelStatus() + " / pay " + r.payStatus(), 1, Integer::sum));
        System.out.println("start vs cancel, " + RUNS + " runs: " + outcomes);

        // every start answered 201 or 409 ORDER_NOT_PAYABLE, every cancel 200 (or 409 when the payment won)
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.startStatus()).as(r.toString()).isIn(201, 409);
            if (r.startStatus() == 409) {
                assertThat(r.startCode()).as(r.toString()).isIn("ORDER_NOT_PAYABLE", "ORDER_ALREADY_PAID");
            }
        });

        // then, for every cancelled order: no open trade at the channel, no open attempt, the money back
        int cancelled = 0;
        int trades = 0;
        int refunded = 0;
        for (Run run : runs) {
            String status = cluster.order(run.orderNo()).path("status").asText();
            if (!status.equals("CANCELLED")) {
                assertThat(status).as(run.toString()).isEqualTo("PAID");
                continue;
            }
            cancelled++;
            JsonNode attempts = paymentOrEmpty(run.orderNo()).path("attempts");
            for (JsonNode attempt : attempts) {
                trades++;
                String outTradeNo = attempt.path("outTradeNo").asText();
                await("the " + run.channel() + " trade " + outTradeNo + " of cancelled order " + run.orderNo()
                        + " closed or paid at the channel, its attempt settled").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                            Cluster.Answer trade = cluster.get(cluster.sandboxUrl + "/sandbox/"
                                    + run.channel().toLowerCase() + "/trades/" + outTradeNo);
                            if (trade.status() == 200) {
                                assertThat(trade.json().path("status").asText()).as(trade.body()).isIn("CLOSED", "SUCCESS");
                            } else {
                                assertThat(trade.status()).as(trade.body()).isEqualTo(404);
                            }
                            JsonNode now = attemptOf(run.orderNo(), outTradeNo);
                            assertThat(now.path("status").asText()).as(now.toString()).isNotEqualTo("CREATED");
                        });
                if (attemptOf(run.orderNo(), outTradeNo).path("status").asText().equals("SUCCESS")) {
                    refunded++;
                    await("the late payment " + outTradeNo + " of cancelled order " + run.orderNo() + " refunded")
                            .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                                JsonNode refunds = cluster.refunds(run.orderNo());
                                assertThat(refunds.size()).as(refunds.toString()).isEqualTo(1);
                                assertThat(refunds.get(0).path("status").asText()).as(refunds.toString())
                                        .isEqualTo("SUCCESS");
                            });
                }
            }
        }
        System.out.printf("cancelled orders: %d, their trades: %d (all closed or paid), late payments refunded: %d%n",
                cancelled, trades, refunded);
        assertThat(cancelled).as("some runs end cancelled").isPositive();
        assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM payment_attempt a WHERE a.status = 'CREATED' "
                + "AND a.order_no IN (" + String.join(",", runs.stream().map(r -> "'" + r.orderNo() + "'").toList())
                + ") AND a.order_no IN (SELECT o.order_no FROM order_db.orders o WHERE o.status = 'CANCELLED')"))
                .as("open attempts of cancelled orders").isZero();
    }

    private Run race(int n, ExecutorService sides) {
        String channel = n % 2 == 0 ? "WECHAT" : "ALIPAY";
        String orderNo = cluster.createOrder("race-start-" + UUID.randomUUID(), SKU, 1).path("orderNo").asText();
        CompletableFuture<Cluster.Answer> start = CompletableFuture.supplyAsync(() -> {
            pause(ThreadLocalRandom.current().nextInt(0, 30));
            return cluster.post(cluster.paymentUrl + "/api/payments", Map.of("orderNo", orderNo, "channel", channel));
        }, sides);
        CompletableFuture<Cluster.Answer> cancel = CompletableFuture.supplyAsync(() -> {
            pause(ThreadLocalRandom.current().nextInt(0, 30));
            return cluster.cancel(orderNo);
        }, sides);
        Cluster.Answer started = start.join();
        int payStatus = 0;
        if (started.status() == 201) {
            // the shopper pays as soon as the trade is handed over
            payStatus = cluster.pay(channel, started.json().path("outTradeNo").asText()).status();
        }
        Cluster.Answer cancelled = cancel.join();
        return new Run(orderNo, channel, started.status(), started.status() == 201 ? "" : started.code(),
                cancelled.status(), payStatus);
    }

    private JsonNode paymentOrEmpty(String orderNo) {
        Cluster.Answer answer = cluster.get(cluster.paymentUrl + "/api/payments/" + orderNo);
        return answer.status() == 200 ? answer.json() : Cluster.JSON.createObjectNode();
    }

    private JsonNode attemptOf(String orderNo, String outTradeNo) {
        for (JsonNode attempt : cluster.payment(orderNo).path("attempts")) {
            if (attempt.path("outTradeNo").asText().equals(outTradeNo)) {
                return attempt;
            }
        }
        throw new AssertionError("no attempt " + outTradeNo + " of " + orderNo);
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
