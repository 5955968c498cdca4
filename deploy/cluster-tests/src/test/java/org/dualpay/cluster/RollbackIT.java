package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * When a branch refuses or fails, all three databases end as before, the undo logs are cleaned, and
 * the payment is applied once it can be.
 */
class RollbackIT {

    private final Cluster cluster = new Cluster();

    @Test
    void should_roll_back_the_payment_transaction_when_stock_is_too_low_then_close_the_order_and_refund() {
        // given an order for 3 units, and only 2 left when the shopper pays
        String sku = "SKU-MONITOR";
        cluster.setStock(sku, 5);
        String orderNo = cluster.createOrder("rollback-stock", sku, 3).path("orderNo").asText();
        cluster.setStock(sku, 2);
        String outTradeNo = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();

        // when
        cluster.shopperPays("WECHAT", outTradeNo);

        // then a second global transaction closed the order (OUT_OF_STOCK) and refunded the money...
        Cluster.eventually("order " + orderNo + " CLOSED", () ->
                assertThat(cluster.order(orderNo).path("status").asText()).isEqualTo("CLOSED"));
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        assertThat(cluster.refunds(orderNo).get(0).path("reason").asText()).isEqualTo("OUT_OF_STOCK");

        // ...after the payment's own global transaction had run its order branch and been rolled back
        String xid = xidOf(cluster.awaitLogLine(List.of("order-service"), "order " + orderNo + " PENDING_PAYMENT -> PAID"));
        cluster.awaitPaymentLogLine("global transaction " + xid + " rolled back: PAID");

        // so no PAID, no deduction
        JsonNode order = cluster.order(orderNo);
        assertThat(order.path("timeline").findValuesAsText("to")).containsExactly("PENDING_PAYMENT", "CLOSED");
        assertThat(order.path("timeline").get(1).path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(order.path("payment").isMissingNode()).isTrue();
        assertThat(cluster.stock(sku)).isEqualTo(2);
        assertThat(cluster.count("inventory_db", "SELECT COUNT(*) FROM stock_movement WHERE order_no = ?", orderNo))
                .isZero();
        JsonNode payment = cluster.payment(orderNo);
        assertThat(payment.path("status").asText()).isEqualTo("PAYING");
        assertThat(payment.path("attempts").get(0).path("applied").asBoolean()).isFalse();
        cluster.awaitNoUndoLog();
        Cluster.eventually("the sandbox's notify of " + outTradeNo + " acknowledged", () ->
                assertThat(cluster.channelTrade("WECHAT", outTradeNo).path("notifyState").asText()).isEqualTo("DELIVERED"));
    }

    @Test
    void should_roll_back_the_order_branch_when_the_inventory_branch_throws_after_it_ran() {
        // given
        String sku = "SKU-HEADSET";
        cluster.setStock(sku, 10);
        String orderNo = cluster.createOrder("rollback-fault", sku, 1).path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.armFault(cluster.inventoryUrl, "inventory.deduct.after-update", "EXCEPTION", 0);

        // when
        cluster.shopperPays("ALIPAY", outTradeNo);

        // then the notify is acknowledged once stored, and its processing is tried again and again...
        Cluster.eventually("the inbox row of " + outTradeNo + " tried at least twice, still RECEIVED", () ->
                assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ? "
                        + "AND status = 'RECEIVED' AND attempts >= 2", outTradeNo)).isEqualTo(1));
        Cluster.eventually("the sandbox's notify of " + outTradeNo + " acknowledged", () ->
                assertThat(cluster.channelTrade("ALIPAY", outTradeNo).path("notifyState").asText()).isEqualTo("DELIVERED"));
        // ...each time the order branch ran (its log line carries the XID) and was rolled back
        String xid = xidOf(cluster.awaitLogLine(List.of("order-service"), "order " + orderNo + " PENDING_PAYMENT -> PAID"));
        cluster.awaitPaymentLogLine("global transaction " + xid + " rolled back");
        // between two tries every branch is back where it was (a try in flight may show its branches'
        // local commits: AT reads are read-uncommitted, so this waits for a quiet moment)
        Cluster.eventually("order " + orderNo + " and its stock as before the payment", () -> {
            JsonNode order = cluster.order(orderNo);
            assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
            assertThat(order.path("timeline").size()).as("only the CREATED row").isEqualTo(1);
            assertThat(order.path("payment").isMissingNode()).isTrue();
            assertThat(cluster.stock(sku)).isEqualTo(10);
            assertThat(cluster.count("inventory_db", "SELECT COUNT(*) FROM stock_movement WHERE order_no = ?", orderNo))
                    .isZero();
            JsonNode payment = cluster.payment(orderNo);
            assertThat(payment.path("status").asText()).isEqualTo("PAYING");
            assertThat(payment.path("attempts").get(0).path("status").asText()).isEqualTo("CREATED");
        });

        // and once the fault is gone, the inbox worker pays the order
        cluster.disarmFaults(cluster.inventoryUrl);
        cluster.awaitPaid(orderNo, sku, 9);
        Cluster.eventually("the inbox row of " + outTradeNo + " PROCESSED as PAID", Duration.ofSeconds(30), () ->
                assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ? "
                        + "AND status = 'PROCESSED' AND outcome = 'PAID'", outTradeNo)).isEqualTo(1));
        cluster.awaitNoUndoLog();
    }

    private static String xidOf(String logLine) {
        Matcher xid = Pattern.compile(", xid=([^\\s\\]]+)\\s*$").matcher(logLine);
        assertThat(xid.find()).as("an XID in " + logLine).isTrue();
        return xid.group(1);
    }
}
