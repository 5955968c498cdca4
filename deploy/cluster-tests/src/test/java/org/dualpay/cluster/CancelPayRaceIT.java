package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The shopper cancels while paying, 200 times, with random delays on both sides and, in a quarter of
 * the runs, a 300 ms delay inside the inventory branch. Every story must end either PAID with its
 * stock deducted, or CANCELLED with the stock untouched and any money that reached the channel
 * refunded: never both, never neither.
 */
class CancelPayRaceIT {

    private static final int RUNS = 200;
    private static final int AT_A_TIME = 8;
    private static final String SKU = "SKU-KEYBOARD";

    private final Cluster cluster = new Cluster();

    private record Run(String orderNo, String channel, String outTradeNo, int cancelStatus, int payStatus) {
    }

    @Test
    void should_end_every_cancel_pay_race_paid_with_stock_or_cancelled_with_the_money_back() throws Exception {
        // given
        cluster.setStock(SKU, 100_000);
        cluster.armFault(cluster.inventoryUrl, "inventory.deduct.after-update",
                Map.of("mode", "DELAY", "delayMs", 300, "probability", 0.25));
        long started = System.nanoTime();

        // when: each run pays and cancels at once, the shopper's payment after a random 0-40 ms and the
        // cancel after 0-400 ms (the channel notifies some tens of ms after the payment, so both can win)
        List<Run> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(AT_A_TIME);
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                int n = i;
                futures.add(pool.submit(() -> race(n)));
            }
            for (Future<Run> future : futures) {
                runs.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        cluster.disarmFaults(cluster.inventoryUrl);

        // then every story settles into one of the two allowed endings, and the books balance
        Cluster.eventually("all " + RUNS + " stories settled", Duration.ofSeconds(180), () -> assertThat(
                runs.stream().filter(run -> !settled(run)).map(Run::orderNo).toList()).as("unsettled orders").isEmpty());
        double quietSeconds = (System.nanoTime() - started) / 1e9;
        Cluster.eventually("the books of the " + RUNS + " orders balance", () ->
                assertThat(new Books(cluster).violations(runs.stream().map(Run::orderNo).toList())).isEmpty());
        int paid = 0;
        int cancelledRefunded = 0;
        int cancelledUntouched = 0;
        List<String> violations = new ArrayList<>();
        for (Run run : runs) {
            String status = cluster.order(run.orderNo()).path("status").asText();
            boolean channelHasMoney = cluster.channelTrade(run.channel(), run.outTradeNo()).path("status").asText()
                    .equals("SUCCESS");
            JsonNode refunds = cluster.refunds(run.orderNo());
            if (status.equals("PAID")) {
                paid++;
                if (refunds.size() != 0) {
                    violations.add(run + ": PAID and refunded");
                }
            } else if (status.equals("CANCELLED") && channelHasMoney) {
                cancelledRefunded++;
                if (refunds.size() != 1 || !refunds.get(0).path("reason").asText().equals("ORDER_CANCELLED")) {
                    violations.add(run + ": CANCELLED with money at the channel, refunds " + refunds);
                }
            } else if (status.equals("CANCELLED")) {
                cancelledUntouched++;
                if (refunds.size() != 0) {
                    violations.add(run + ": CANCELLED, nothing paid, yet refunded");
                }
            } else {
                violations.add(run + ": ended " + status);
            }
        }
        System.out.printf("cancel-vs-pay: %d runs, %d PAID, %d CANCELLED+refunded, %d CANCELLED untouched, "
                + "%d violations, quiet after %.1f s%n", RUNS, paid, cancelledRefunded, cancelledUntouched,
                violations.size(), quietSeconds);
        assertThat(violations).isEmpty();
        assertThat(paid).as("the payment won some races").isPositive();
        assertThat(cancelledRefunded + cancelledUntouched).as("the cancel won some races").isPositive();
        assertThat(paid + cancelledRefunded + cancelledUntouched).isEqualTo(RUNS);
        int paidRuns = paid;
        Cluster.eventually("stock down by the " + paid + " paid orders", () ->
                assertThat(cluster.stock(SKU)).isEqualTo(100_000 - paidRuns));
        cluster.awaitNoUndoLog();
        Cluster.eventually("no global transaction left retrying or failed", Duration.ofSeconds(60), () ->
                assertThat(cluster.count("seata", "SELECT COUNT(*) FROM global_table WHERE status IN (3, 5, 7, 10, 13)"))
                        .isZero());
    }

    private Run race(int n) {
        String channel = n % 2 == 0 ? "WECHAT" : "ALIPAY";
        String orderNo = cluster.createOrder("race-" + n, SKU, 1).path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, channel).path("outTradeNo").asText();
        List<Cluster.Answer> answers = AtOnce.run(List.<Supplier<Cluster.Answer>>of(
                () -> afterRandomDelay(400, () -> cluster.cancel(orderNo)),
                () -> afterRandomDelay(40, () -> cluster.pay(channel, outTradeNo))));
        return new Run(orderNo, channel, outTradeNo, answers.get(0).status(), answers.get(1).status());
    }

    /**
     * Settled: PAID with its stock deducted, or CANCELLED with no money at the channel, or CANCELLED
     * with its refund done.
     */
    private boolean settled(Run run) {
        String status = cluster.order(run.orderNo()).path("status").asText();
        if (status.equals("PAID")) {
            return cluster.count("inventory_db", "SELECT COUNT(*) FROM stock_movement WHERE order_no = ? "
                    + "AND kind = 'DEDUCT'", run.orderNo()) == 1;
        }
        if (!status.equals("CANCELLED")) {
            return false;
        }
        String trade = cluster.channelTrade(run.channel(), run.outTradeNo()).path("status").asText();
        if (!trade.equals("SUCCESS")) {
            return true;
        }
        JsonNode refunds = cluster.refunds(run.orderNo());
        return refunds.size() == 1 && refunds.get(0).path("status").asText().equals("SUCCESS");
    }

    private static <T> T afterRandomDelay(int maxMillis, Supplier<T> call) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.get();
    }
}
