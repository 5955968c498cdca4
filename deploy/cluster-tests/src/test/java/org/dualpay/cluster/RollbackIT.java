package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a branch refuses or fails, all three databases end as before, the undo logs are cleaned, and
 * the channel keeps notifying until the payment can be applied.
 */
class RollbackIT {

    private final Cluster cluster = new Cluster();

    @AfterEach
    void disarm() {
        cluster.disarmFaults(cluster.inventoryUrl);
    }

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

        // then the payment's global transaction ran its order branch and was rolled back...
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.order(orderNo).path("status").asText().equals("CLOSED"));
        Matcher ran = Pattern.compile("order " + orderNo + " PENDING_PAYMENT -> PAID .*xid=(\\S+)")
                .matcher(cluster.log("order-service"));
        assertThat(ran.find()).as("the order branch ran before the inventory branch refused").isTrue();
        assertThat(cluster.paymentLogs()).contains("global transaction " + ran.group(1) + " rolled back: PAID");

        // ...so no PAID, no deduction; a second one closed the order (OUT_OF_STOCK) and refunded the money
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
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        assertThat(cluster.refunds(orderNo).get(0).path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.undoLogRows() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.channelTrade("WECHAT", outTradeNo)
                .path("notifyState").asText().equals("DELIVERED"));
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
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.count("payment_db",
                "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ? AND status = 'RECEIVED' AND attempts >= 2",
                outTradeNo) == 1);
        assertThat(cluster.channelTrade("ALIPAY", outTradeNo).path("notifyState").asText()).isEqualTo("DELIVERED");
        // ...each time the order branch ran (its log line carries the XID) and was rolled back
        Matcher ran = Pattern.compile("order " + orderNo + " PENDING_PAYMENT -> PAID .*xid=(\\S+)")
                .matcher(cluster.log("order-service"));
        assertThat(ran.find()).as("the order branch ran before the inventory branch failed").isTrue();
        String xid = ran.group(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.paymentLogs().contains("global transaction " + xid + " rolled back"));
        assertNothingChanged(orderNo, sku, 10);

        // and once the fault is gone, the inbox worker pays the order
        cluster.disarmFaults(cluster.inventoryUrl);
        cluster.awaitPaid(orderNo, sku, 9);
        assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ? "
                + "AND status = 'PROCESSED' AND outcome = 'PAID'", outTradeNo)).isEqualTo(1);
    }

    private void assertNothingChanged(String orderNo, String sku, int stock) {
        JsonNode order = cluster.order(orderNo);
        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.path("timeline").size()).as("only the CREATED row").isEqualTo(1);
        assertThat(order.path("payment").isMissingNode()).isTrue();
        assertThat(cluster.stock(sku)).isEqualTo(stock);
        assertThat(cluster.count("inventory_db", "SELECT COUNT(*) FROM stock_movement WHERE order_no = ?", orderNo))
                .isZero();
        JsonNode payment = cluster.payment(orderNo);
        assertThat(payment.path("status").asText()).isEqualTo("PAYING");
        assertThat(payment.path("attempts").get(0).path("status").asText()).isEqualTo("CREATED");
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.undoLogRows() == 0);
    }
}
