package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The operator's reads the console is built on: every shopper's latest orders (order-service), an
 * order's stock movements (inventory-service), an order's notifies and refunds with their TCC phases
 * and the channels' health as the cashier acts on it (payment-service). The operator reads them; a shopper, even the order's owner, and an anonymous
 * caller are refused, and reading changes nothing.
 */
class AdminReadsIT {

    private static final String SKU = "SKU-MOUSE";

    private final Cluster cluster = new Cluster();

    @Test
    void should_show_the_operator_an_order_s_whole_story_and_refuse_everyone_else() {
        // given an order paid on WeChat and paid again on Alipay: a duplicate, refunded
        String user = "admin-reads-" + UUID.randomUUID();
        cluster.setStock(SKU, 100);
        String orderNo = cluster.createOrder(user, SKU, 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String alipay = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.pay("WECHAT", wechat);
        cluster.awaitPaid(orderNo, SKU, 99);
        cluster.pay("ALIPAY", alipay);
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");
        List<String> reads = List.of(cluster.orderUrl + "/api/admin/orders?limit=50",
                cluster.inventoryUrl + "/api/admin/stock-movements?orderNo=" + orderNo,
                cluster.paymentUrl + "/api/admin/payments/" + orderNo + "/story",
                cluster.paymentUrl + "/api/admin/channels");
        String before = cluster.rowsOf(orderNo) + " stock " + cluster.stock(SKU);

        // when the operator reads
        JsonNode latest = as(reads.get(0), cluster.operator()).json();
        JsonNode movements = as(reads.get(1), cluster.operator()).json();
        JsonNode story = as(reads.get(2), cluster.operator()).json();
        JsonNode channels = as(reads.get(3), cluster.operator()).json();

        // then the order is among the latest of all shoppers, its deduction is in the ledger, both
        // channels' notifies are in the inbox and the refund shows its TCC try and confirm
        assertThat(latest.findValuesAsText("orderNo")).contains(orderNo);
        assertThat(movements).hasSize(1);
        assertThat(movements.get(0).path("kind").asText()).isEqualTo("DEDUCT");
        assertThat(movements.get(0).path("delta").asInt()).isEqualTo(-1);
        assertThat(story.path("notifies").findValuesAsText("outTradeNo")).contains(wechat, alipay);
        JsonNode refund = story.path("refunds").get(0);
        assertThat(refund.path("outTradeNo").asText()).isEqualTo(alipay);
        assertThat(refund.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(refund.path("tccPhases").findValuesAsText("phase")).as("the fence's record of the refund's branch")
                .contains("COMMITTED");
        assertThat(channels.findValuesAsText("channel")).containsExactlyInAnyOrder("WECHAT", "ALIPAY");
        assertThat(channels.findValuesAsText("cashier")).allMatch(c -> !c.isBlank());

        // and a shopper (the order's owner) and an anonymous caller are refused each read
        for (String url : reads) {
            Cluster.assertProblem(as(url, cluster.shopperToken(user)), 403, "FORBIDDEN");
            Cluster.assertProblem(as(url, null), 401, "UNAUTHENTICATED");
        }
        assertThat(cluster.rowsOf(orderNo) + " stock " + cluster.stock(SKU)).as("nothing changed")
                .isEqualTo(before);
    }

    @Test
    void should_refuse_an_unreasonable_page_of_orders_with_a_problem() {
        Cluster.assertProblem(as(cluster.orderUrl + "/api/admin/orders?limit=100000", cluster.operator()), 400,
                "VALIDATION_FAILED");
    }

    private Cluster.Answer as(String url, String credential) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (credential != null) {
            request.header("Authorization", credential);
        }
        return cluster.exchange(request.build());
    }
}
