package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The seeds' story at scale: 100 orders, each paid on WeChat and on Alipay at the same moment, each
 * notify then delivered again (duplicates). Every order must be paid once, its stock deducted once,
 * and exactly one refund per order must give the other channel's money back, with one notification
 * of the duplicate and one of the finished refund. Run twice.
 */
class DualChannelPaymentsIT {

    private static final int ORDERS = 100;
    private static final int AT_A_TIME = 8;
    private static final String SKU = "SKU-MONITOR";

    private final Cluster cluster = new Cluster();

    private record Story(String orderNo, String userId, String wechat, String alipay) {
    }

    @RepeatedTest(2)
    void should_pay_each_order_once_and_refund_the_other_channel_exactly_once(RepetitionInfo repetition) throws Exception {
        // given
        cluster.setStock(SKU, 100_000);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();

        // when: per order, both channels paid at once, then both notifies sent again
        List<Story> stories = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(AT_A_TIME);
        try {
            List<Future<Story>> futures = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                String user = "dual-" + run + "-" + i;
                futures.add(pool.submit(() -> payTwice(user)));
            }
            for (Future<Story> future : futures) {
                stories.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        // then, once quiet: every order PAID once and one refund SUCCESS each
        Cluster.eventually("all " + ORDERS + " orders PAID with one refund done", Duration.ofSeconds(180), () ->
                assertThat(stories.stream().filter(story -> !settled(story)).map(Story::orderNo).toList())
                        .as("unsettled orders").isEmpty());
        double quietSeconds = (System.nanoTime() - started) / 1e9;
        // the books, the refunds and what each shopper was told (the notice of a finished refund is
        // written just after the refund reads SUCCESS): checked until they balance, or the last
        // violations are reported
        List<String> violations = new ArrayList<>();
        Cluster.eventually("the books, refunds and notifications of the " + ORDERS + " orders in order", () -> {
            violations.clear();
            violations.addAll(violations(stories));
            assertThat(violations).isEmpty();
        });
        System.out.printf("dual-channel run %d: %d orders, %d refunds, %d violations, quiet after %.1f s%n",
                repetition.getCurrentRepetition(), ORDERS, ORDERS, violations.size(), quietSeconds);
        Cluster.eventually("stock down by " + ORDERS, () -> assertThat(cluster.stock(SKU)).isEqualTo(100_000 - ORDERS));
        cluster.awaitNoUndoLog();
    }

    private List<String> violations(List<Story> stories) {
        List<String> violations = new ArrayList<>(new Books(cluster).violations(stories.stream().map(Story::orderNo).toList()));
        for (Story story : stories) {
            JsonNode order = cluster.order(story.orderNo());
            JsonNode refundRows = cluster.refunds(story.orderNo());
            String paidBy = order.path("payment").path("outTradeNo").asText();
            if (refundRows.size() != 1 || refundRows.get(0).path("outTradeNo").asText().equals(paidBy)
                    || !refundRows.get(0).path("reason").asText().equals("DUPLICATE_PAYMENT")) {
                violations.add(story + ": refunds " + refundRows);
            }
            if (order.path("timeline").findValuesAsText("to").stream().filter("PAID"::equals).count() != 1) {
                violations.add(story + ": timeline " + order.path("timeline"));
            }
            List<String> kinds = cluster.notifications(story.userId()).findValuesAsText("kind");
            if (!kinds.containsAll(List.of("DUPLICATE_PAYMENT_DETECTED", "REFUND_SUCCEEDED")) || kinds.size() != 2) {
                violations.add(story + ": notifications " + kinds);
            }
        }
        return violations;
    }

    private Story payTwice(String user) {
        String orderNo = cluster.createOrder(user, SKU, 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String alipay = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        AtOnce.run(List.<Supplier<Cluster.Answer>>of(() -> cluster.pay("WECHAT", wechat),
                () -> cluster.pay("ALIPAY", alipay)));
        AtOnce.run(List.<Supplier<Cluster.Answer>>of(
                () -> cluster.post(cluster.sandboxUrl + "/sandbox/wechat/trades/" + wechat + "/notify", ""),
                () -> cluster.post(cluster.sandboxUrl + "/sandbox/alipay/trades/" + alipay + "/notify", "")));
        return new Story(orderNo, user, wechat, alipay);
    }

    private boolean settled(Story story) {
        if (!cluster.order(story.orderNo()).path("status").asText().equals("PAID")) {
            return false;
        }
        JsonNode refunds = cluster.refunds(story.orderNo());
        return refunds.size() == 1 && refunds.get(0).path("status").asText().equals("SUCCESS");
    }
}
