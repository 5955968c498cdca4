package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.dualpay.common.security.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The user's own way in: the compose stack (see {@link ComposeStack}: the whole system from
 * {@code deploy/docker-compose.yml}, brought up by Testcontainers with two payment-service replicas)
 * called through the edge, its public way in, as a shopper would. Logs are read from the engine.
 *
 * <p>Runs in the compose pass only ({@code -Pcompose}), with the whole scenario suite against the same
 * stack; {@code deploy/local/test.sh} provides the engine, images and secrets it needs.
 */
class ComposeStackIT {

    private static ComposeStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Instant began = Instant.now();

    @BeforeAll
    static void up() {
        assertThat(DockerClientFactory.instance().isDockerAvailable())
                .as("a Docker engine: deploy/docker/engine.sh installs and starts one").isTrue();
        assertThat(System.getenv("ORDER_URL")).as("no cluster given in the environment: this test is about the "
                + "compose stack").isNullOrEmpty();
        stack = (ComposeStack) Deployment.current();
    }

    @Test
    void should_pay_an_order_through_the_edge_with_two_payment_replicas_and_one_global_transaction() throws Exception {
        // two payment-service replicas, both registered in Nacos
        Cluster.eventually("two payment-service instances healthy in Nacos", () -> {
            JsonNode hosts = json(get(stack.setting("NACOS_URL")
                    + "/nacos/v1/ns/instance/list?serviceName=payment-service&healthyOnly=true", null).body())
                    .path("hosts");
            assertThat(hosts.size()).as(hosts.toString()).isEqualTo(2);
        });

        // a shopper's order, paid on the WeChat sandbox, all through the edge
        String user = "compose-" + UUID.randomUUID();
        String shopper = "Bearer " + Tokens.sign(stack.setting("SHOPPER_KEY"), Tokens.SHOPPER_ISSUER, user, Instant.now(),
                Duration.ofHours(1));
        HttpResponse<String> created = post(stack.setting("EDGE_ORDER_URL") + "/api/orders",
                "{\"userId\":\"" + user + "\",\"items\":[{\"skuCode\":\"SKU-KEYBOARD\",\"quantity\":1}]}",
                Map.of("Authorization", shopper, "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String orderNo = json(created.body()).path("orderNo").asText();
        HttpResponse<String> started = post(stack.setting("EDGE_PAYMENT_URL") + "/api/payments",
                "{\"orderNo\":\"" + orderNo + "\",\"channel\":\"WECHAT\"}", Map.of("Authorization", shopper));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String outTradeNo = json(started.body()).path("outTradeNo").asText();
        HttpResponse<String> paid = post(stack.setting("EDGE_SANDBOX_URL") + "/sandbox/wechat/trades/" + outTradeNo
                + "/pay", "", Map.of());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);

        String[] xid = new String[1];
        Cluster.eventually("order " + orderNo + " PAID with the XID on its timeline", Duration.ofSeconds(60), () -> {
            JsonNode order = json(get(stack.setting("EDGE_ORDER_URL") + "/api/orders/" + orderNo, shopper).body());
            assertThat(order.path("status").asText()).isEqualTo("PAID");
            xid[0] = order.path("timeline").get(1).path("xid").asText();
            assertThat(xid[0]).isNotBlank();
        });

        // one global transaction: its XID on a line of each service, read through Testcontainers
        Cluster.eventually("the XID " + xid[0] + " in the logs of payment, order and inventory", () -> {
            assertThat(logs("payment-service") + logs("payment-service-2"))
                    .contains("global transaction " + xid[0] + " committed: PAID WECHAT");
            assertThat(lines(logs("order-service"), "order " + orderNo + " PENDING_PAYMENT -> PAID")).contains(xid[0]);
            assertThat(lines(logs("inventory-service"), "stock of order " + orderNo + " deducted")).contains(xid[0]);
        });
    }

    @Test
    void should_never_forward_internal_calls_nor_actuator_paths_but_health_at_the_edge() throws Exception {
        String operator = "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("operator:" + stack.setting("OPERATOR_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        String service = "Bearer " + Tokens.sign(stack.setting("SERVICE_KEY"), Tokens.SERVICE_ISSUER, "payment-service",
                Instant.now(), Duration.ofMinutes(1));
        for (String credential : List.of("", operator, service)) {
            for (String path : List.of(stack.setting("EDGE_ORDER_URL") + "/internal/orders/ORD-X/payment-success",
                    stack.setting("EDGE_ORDER_URL") + "/INTERNAL/orders/ORD-X/moves",
                    stack.setting("EDGE_PAYMENT_URL") + "/internal/payments/ORD-X/user-refund",
                    stack.setting("EDGE_INVENTORY_URL") + "/internal/stock/deductions",
                    stack.setting("EDGE_PAYMENT_URL") + "/actuator/faults/payment.confirm.before-commit",
                    stack.setting("EDGE_ORDER_URL") + "/actuator/env",
                    stack.setting("EDGE_PAYMENT_URL") + "/actuator/prometheus",
                    stack.setting("EDGE_ORDER_URL") + "/actuator;x/health/../faults")) {
                HttpResponse<String> answer = post(path, "{}",
                        credential.isEmpty() ? Map.of() : Map.of("Authorization", credential));
                assertThat(answer.statusCode()).as("POST " + path + " -> " + answer.body()).isEqualTo(404);
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
        }
        for (String edge : List.of("EDGE_ORDER_URL", "EDGE_PAYMENT_URL", "EDGE_INVENTORY_URL")) {
            assertThat(get(stack.setting(edge) + "/actuator/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_serve_the_documents_and_the_problem_pages_through_the_edge() throws Exception {
        String shopper = "Bearer " + Tokens.sign(stack.setting("SHOPPER_KEY"), Tokens.SHOPPER_ISSUER, "compose-docs",
                Instant.now(), Duration.ofHours(1));
        for (String edge : List.of("EDGE_ORDER_URL", "EDGE_PAYMENT_URL", "EDGE_INVENTORY_URL")) {
            String base = stack.setting(edge);
            // the public document and Swagger UI, to anyone, as each service serves it (one fixed server: /)
            HttpResponse<String> docs = get(base + "/v3/api-docs", null);
            assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
            String service = edge.equals("EDGE_ORDER_URL") ? "ORDER_URL"
                    : edge.equals("EDGE_PAYMENT_URL") ? "PAYMENT_URL" : "INVENTORY_URL";
            assertThat(json(docs.body())).isEqualTo(json(get(stack.setting(service) + "/v3/api-docs", null).body()));
            assertThat(get(base + "/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
            // the edge's own refusal names a page the edge serves
            HttpResponse<String> internal = get(base + "/internal/anything", null);
            assertThat(internal.statusCode()).isEqualTo(404);
            assertPageNames(base, json(internal.body()).path("type").asText(), "NOT_FOUND", 404);
        }
        // a service's refusal through the edge: its type resolves through the edge too
        HttpResponse<String> missing = get(stack.setting("EDGE_ORDER_URL") + "/api/orders/ORD-NOPE", shopper);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(json(missing.body()).path("code").asText()).isEqualTo("ORDER_NOT_FOUND");
        assertPageNames(stack.setting("EDGE_ORDER_URL"), json(missing.body()).path("type").asText(), "ORDER_NOT_FOUND", 404);
    }

    private void assertPageNames(String base, String type, String code, int status) throws Exception {
        URI page = URI.create(base + "/").resolve(type);
        HttpResponse<String> described = get(page.toString(), null);
        assertThat(described.statusCode()).as("GET " + page + " -> " + described.body()).isEqualTo(200);
        assertThat(described.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(described.body()).contains("<code>" + code + "</code>", "HTTP status <b>" + status);
    }

    // ---- the stack ----

    /** What a component logged since this test began, read from the engine. */
    private String logs(String component) {
        return stack.logSince(component, began);
    }

    private static String lines(String log, String containing) {
        return log.lines().filter(line -> line.contains(containing)).collect(Collectors.joining("\n"));
    }

    // ---- HTTP as a client of the edge ----

    private HttpResponse<String> get(String url, String credential) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (credential != null) {
            request.header("Authorization", credential);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws IOException {
        return Cluster.JSON.readTree(body);
    }
}
