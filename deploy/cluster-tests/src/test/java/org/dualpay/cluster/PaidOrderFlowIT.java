package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The happy path: one signed notify, one global transaction, three databases changed together. */
class PaidOrderFlowIT {

    private static final String SKU = "SKU-KEYBOARD";

    private final Cluster cluster = new Cluster();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WECHAT", "ALIPAY"})
    void should_mark_order_paid_and_deduct_stock_in_one_global_transaction(String channel) {
        // given
        cluster.setStock(SKU, 100);
        JsonNode order = cluster.createOrder("happy-" + channel, SKU, 2);
        String orderNo = order.path("orderNo").asText();
        JsonNode started = cluster.startPayment(orderNo, channel);
        String outTradeNo = started.path("outTradeNo").asText();
        assertThat(started.path("amount").asLong()).isEqualTo(order.path("totalAmount").asLong());

        // when
        cluster.shopperPays(channel, outTradeNo);

        // then
        cluster.awaitPaid(orderNo, SKU, 98);
        JsonNode paid = cluster.order(orderNo);
        assertThat(paid.path("payment").path("channel").asText()).isEqualTo(channel);
        assertThat(paid.path("payment").path("outTradeNo").asText()).isEqualTo(outTradeNo);

        JsonNode payment = cluster.payment(orderNo);
        assertThat(payment.path("status").asText()).isEqualTo("PAID");
        assertThat(payment.path("attempts").get(0).path("status").asText()).isEqualTo("SUCCESS");
        assertThat(payment.path("attempts").get(0).path("applied").asBoolean()).isTrue();

        JsonNode last = paid.path("timeline").get(paid.path("timeline").size() - 1);
        assertThat(last.path("from").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(last.path("to").asText()).isEqualTo("PAID");
        String xid = last.path("xid").asText();
        assertThat(xid).as("the XID of the global transaction is on the timeline").isNotBlank();

        // the XID on a line of each service's story (the commit is logged once the TC has answered)
        cluster.awaitPaymentLogLine("global transaction " + xid + " committed: PAID " + channel + " ");
        cluster.awaitLogLine(List.of("order-service"), "order " + orderNo + " PENDING_PAYMENT -> PAID", "xid=" + xid);
        cluster.awaitLogLine(List.of("inventory-service"), "stock of order " + orderNo + " deducted", "xid=" + xid);
        assertThat(cluster.count("inventory_db",
                "SELECT COUNT(*) FROM stock_movement WHERE order_no = ? AND kind = 'DEDUCT'", orderNo)).isEqualTo(1);
        cluster.awaitNoUndoLog();
        Cluster.eventually("the sandbox's notify of " + outTradeNo + " acknowledged", () -> assertThat(
                cluster.channelTrade(channel, outTradeNo).path("notifyState").asText()).isEqualTo("DELIVERED"));
    }
}
