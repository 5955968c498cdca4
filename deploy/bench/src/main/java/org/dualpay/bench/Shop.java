package org.dualpay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.security.Tokens;

/**
 * The cluster as its users see it, over plain HTTP: shoppers open orders and WeChat trades, the
 * operator sets stock, and anyone reads an order back. Addresses and credentials come from the
 * environment that {@code deploy/local/cluster.sh env} exports.
 */
final class Shop {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One order opened and its WeChat trade started: what a notify needs. */
    record Trade(String user, String orderNo, String outTradeNo, long amount) {
    }

    private final HttpClient http;
    private final String orderUrl;
    private final String paymentUrl;
    private final String inventoryUrl;
    private final String shopperKey;
    private final String operator;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Shop(HttpClient http, Map<String, String> env) {
        this.http = http;
        this.orderUrl = required(env, "ORDER_URL");
        this.paymentUrl = required(env, "PAYMENT_URL");
        this.inventoryUrl = required(env, "INVENTORY_URL");
        this.shopperKey = required(env, "SHOPPER_KEY");
        this.operator = "Basic " + Base64.getEncoder()
                .encodeToString(("operator:" + required(env, "OPERATOR_PASSWORD")).getBytes(StandardCharsets.UTF_8));
    }

    static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run eval \"$(deploy/local/cluster.sh env)\" first");
        }
        return value;
    }

    String paymentUrl() {
        return paymentUrl;
    }

    /** A shopper's order of one unit of {@code sku}, and a WeChat trade started for it. */
    Trade open(String user, String sku) {
        JsonNode order = send("POST", orderUrl + "/api/orders", shopper(user),
                Map.of("userId", user, "items", List.of(Map.of("skuCode", sku, "quantity", 1))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), 201);
        String orderNo = order.get("orderNo").asText();
        JsonNode payment = send("POST", paymentUrl + "/api/payments", shopper(user),
                Map.of("orderNo", orderNo, "channel", "WECHAT"), Map.of(), 201);
        return new Trade(user, orderNo, payment.get("outTradeNo").asText(), order.get("totalAmount").asLong());
    }

    String orderStatus(Trade trade) {
        return send("GET", orderUrl + "/api/orders/" + trade.orderNo(), shopper(trade.user()), null, Map.of(), 200)
                .get("status").asText();
    }

    long stock(String sku) {
        return send("GET", inventoryUrl + "/api/skus/" + sku, null, null, Map.of(), 200).get("stock").asLong();
    }

    void setStock(String sku, long stock) {
        send("PUT", inventoryUrl + "/api/admin/skus/" + sku + "/stock", operator, Map.of("stock", stock), Map.of(), 200);
    }

    private String shopper(String user) {
        return "Bearer " + tokens.computeIfAbsent(user,
                u -> Tokens.sign(shopperKey, Tokens.SHOPPER_ISSUER, u, Instant.now(), Duration.ofHours(2)));
    }

    private JsonNode send(String method, String url, String authorization, Object body, Map<String, String> headers,
            int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .header("Content-Type", "application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
