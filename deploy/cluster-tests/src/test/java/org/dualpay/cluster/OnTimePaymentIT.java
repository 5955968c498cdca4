package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payment acknowledged to its channel (stored in the inbox) before the order expired is on time,
 * although inventory-service is failing until after the expiry: the timeout close leaves the order
 * open while its payment is on its way, and it ends PAID, not CLOSED and refunded.
 */
class OnTimePaymentIT {

    private static final String SKU = "SKU-CABLE";
    private static final String FAULT = "inventory.deduct.after-update";

    private final Cluster cluster = new Cluster();

    @BeforeEach
    void stock() {
        // the stock of every SKU, the sandbox's knobs and the fault points are put back by ClusterScenario
        cluster.setStock(SKU, 100);
    }

    @Test
    void should_pay_an_order_whose_payment_was_stored_before_expiry_and_processed_after() {
        // given an order that waits 15 s for its payment, and the inventory branch failing every time
        String user = "on-time-" + UUID.randomUUID();
        JsonNode order = cluster.createOrder(user, SKU, 1, 15);
        String orderNo = order.path("orderNo").asText();
        Instant expireAt = Instant.parse(order.path("expireAt").asText());
        String outTradeNo = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.armFault(cluster.inventoryUrl, FAULT, "EXCEPTION", 100_000);

        // when the shopper pays in time: the notify is stored, its processing rolls back again and again
        cluster.shopperPays("ALIPAY", outTradeNo);
        await("the notify of " + outTradeNo + " stored in the inbox, unprocessed").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200)).until(() -> cluster.count("payment_db",
                        "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ? AND status = 'RECEIVED' "
                                + "AND received_at < ?", outTradeNo, Timestamp.from(expireAt)) == 1);

        // and the order's expiry passes (the timeout close runs every second) while the inventory still fails
        await("3 s past the expiry of " + orderNo).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().isAfter(expireAt.plusSeconds(3)));
        // A retry's order branch commits PAID locally before the inventory branch fails and the TC rolls it
        // back (AT is read-uncommitted across global transactions), so the order may read PAID for a moment;
        // what the timeout close must not do is close it.
        JsonNode pending = cluster.order(orderNo);
        assertThat(pending.path("status").asText()).as("left open while its payment is on its way: " + pending)
                .isIn("PENDING_PAYMENT", "PAID");
        assertThat(pending.path("timeline").findValuesAsText("to")).as("not closed: " + pending)
                .doesNotContain("CLOSED");
        assertThat(MoneyReport.violationsAbout(cluster, orderNo)).as("not a stale order").isEmpty();

        // then once inventory-service recovers, the order ends PAID with its stock, nothing refunded
        cluster.disarmFaults(cluster.inventoryUrl);
        long healed = System.nanoTime();
        await("order " + orderNo + " PAID after inventory recovered").atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    JsonNode now = cluster.order(orderNo);
                    assertThat(now.path("status").asText()).as(now.toString()).isEqualTo("PAID");
                    assertThat(cluster.stock(SKU)).isEqualTo(99);
                });
        System.out.printf("order %s PAID %d ms after inventory recovered, %d s after its expiry%n", orderNo,
                (System.nanoTime() - healed) / 1_000_000, Duration.between(expireAt, Instant.now()).toSeconds());
        assertThat(cluster.refunds(orderNo)).as("nothing refunded").isEmpty();
        assertThat(cluster.order(orderNo).path("timeline").findValuesAsText("to")).doesNotContain("CLOSED");
        assertThat(MoneyReport.violationsAbout(cluster, orderNo, outTradeNo)).isEmpty();
    }
}
