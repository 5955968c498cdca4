package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualpay.cluster.Cluster.assertProblem;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The order and payment APIs as an engineer calls them, bad input included. */
class OrderApiIT {

    private final Cluster cluster = new Cluster();

    @Test
    void should_answer_bad_requests_with_problem_details_and_store_nothing() {
        String userId = "bad-input-" + UUID.randomUUID();

        assertProblem(createOrder(userId, "SKU-DOES-NOT-EXIST", 1, key()), 422, "SKU_NOT_FOUND");
        Cluster.Answer zero = createOrder(userId, "SKU-CABLE", 0, key());
        assertProblem(zero, 400, "VALIDATION_FAILED");
        assertThat(zero.json().path("errors").findValuesAsText("field")).contains("items[0].quantity");
        assertProblem(createOrder(userId, "SKU-CABLE", 1, null), 400, "VALIDATION_FAILED");
        assertProblem(cluster.post(cluster.orderUrl + "/api/orders", "{\"userId\":", Map.of("Idempotency-Key", key())),
                400, "MALFORMED_REQUEST");
        assertProblem(cluster.post(cluster.orderUrl + "/api/orders", Map.of("userId", userId, "items", List.of()),
                Map.of("Idempotency-Key", key())), 400, "VALIDATION_FAILED");

        Cluster.Answer blankKey = createOrder(userId, "SKU-CABLE", 1, " ");
        assertProblem(blankKey, 400, "VALIDATION_FAILED");
        assertThat(blankKey.json().path("errors").findValuesAsText("field")).contains("idempotencyKey");

        assertThat(cluster.get(cluster.orderUrl + "/api/orders?userId=" + userId).json().path("totalElements").asLong())
                .isZero();
        // a page out of bounds is the caller's mistake, answered as such (it was a 500 once)
        Cluster.Answer tooBig = cluster.get(cluster.orderUrl + "/api/orders?userId=" + userId + "&size=1000");
        assertProblem(tooBig, 400, "VALIDATION_FAILED");
        assertThat(tooBig.json().path("errors").findValuesAsText("field")).containsExactly("size");
        assertProblem(cluster.get(cluster.orderUrl + "/api/orders?userId=" + userId + "&page=-1"), 400, "VALIDATION_FAILED");
        assertProblem(cluster.get(cluster.orderUrl + "/api/orders/ORD-NOPE"), 404, "ORDER_NOT_FOUND");
        assertProblem(cluster.post(cluster.paymentUrl + "/api/payments", Map.of("orderNo", "ORD-NOPE", "channel", "WECHAT")),
                404, "ORDER_NOT_FOUND");
        assertProblem(cluster.post(cluster.paymentUrl + "/api/payments", Map.of("orderNo", "ORD-NOPE", "channel", "PAYPAL")),
                400, "MALFORMED_REQUEST");
        assertProblem(cluster.get(cluster.inventoryUrl + "/api/skus/SKU-NOPE"), 404, "SKU_NOT_FOUND");
    }

    @Test
    void should_create_one_order_per_idempotency_key_even_when_sent_twenty_times_at_once() {
        String userId = "idempotent-" + UUID.randomUUID();
        String key = key();

        List<Cluster.Answer> answers = AtOnce.run(20, () -> createOrder(userId, "SKU-CABLE", 2, key));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(200, 201));
        assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(1);
        assertThat(answers.stream().map(a -> a.json().path("orderNo").asText()).distinct()).hasSize(1);
        assertThat(cluster.get(cluster.orderUrl + "/api/orders?userId=" + userId).json().path("totalElements").asLong())
                .isEqualTo(1);

        assertProblem(createOrder(userId, "SKU-CABLE", 3, key), 422, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void should_refuse_to_start_a_payment_for_a_paid_order() {
        cluster.setStock("SKU-CABLE", 100);
        JsonNode order = cluster.createOrder("paid-twice", "SKU-CABLE", 1);
        String orderNo = order.path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        cluster.shopperPays("WECHAT", outTradeNo);
        cluster.awaitPaid(orderNo, "SKU-CABLE", 99);

        assertProblem(cluster.post(cluster.paymentUrl + "/api/payments", Map.of("orderNo", orderNo, "channel", "ALIPAY")),
                409, "ORDER_ALREADY_PAID");
    }

    private Cluster.Answer createOrder(String userId, String sku, int quantity, String key) {
        Map<String, Object> body = Map.of("userId", userId, "items", List.of(Map.of("skuCode", sku, "quantity", quantity)));
        return key == null ? cluster.post(cluster.orderUrl + "/api/orders", body)
                : cluster.post(cluster.orderUrl + "/api/orders", body, Map.of("Idempotency-Key", key));
    }


    private static String key() {
        return UUID.randomUUID().toString();
    }
}
