package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The API's documentation as a stranger meets it: each service's OpenAPI document and Swagger UI are open
 * to anyone and name no {@code /internal/**} path; opening them opened nothing else; and every refusal's
 * problem {@code type} is a page, fetched from the service that answered, that names its code and status.
 */
class ApiDocsIT {

    private final Cluster cluster = new Cluster();

    @Test
    void should_let_anyone_read_each_service_s_document_and_swagger_ui_without_internal_paths() {
        for (String base : List.of(cluster.orderUrl, cluster.paymentUrl, cluster.inventoryUrl)) {
            Cluster.Answer docs = anonymous("GET", base + "/v3/api-docs");
            assertThat(docs.status()).as("GET " + base + "/v3/api-docs -> " + docs.body()).isEqualTo(200);
            JsonNode document = docs.json();
            List<String> paths = new ArrayList<>();
            document.path("paths").fieldNames().forEachRemaining(paths::add);
            assertThat(paths).as(base + " documents its public API").isNotEmpty()
                    .allSatisfy(path -> assertThat(path).startsWith("/api/"));
            assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                    .isEqualTo("bearer");
            assertThat(document.path("components").path("securitySchemes").path("operator").path("scheme").asText())
                    .isEqualTo("basic");
            assertThat(document.path("servers").findValuesAsText("url")).containsExactly("/");

            Cluster.Answer ui = anonymous("GET", base + "/swagger-ui.html");
            assertThat(ui.status()).as("GET " + base + "/swagger-ui.html").isEqualTo(302);
            Cluster.Answer index = anonymous("GET", base + "/swagger-ui/index.html");
            assertThat(index.status()).as(index.body()).isEqualTo(200);
            assertThat(index.contentType()).startsWith("text/html");
            assertThat(index.body()).contains("swagger-ui");
            Cluster.Answer config = anonymous("GET", base + "/v3/api-docs/swagger-config");
            assertThat(config.status()).as(config.body()).isEqualTo(200);
            assertThat(config.json().path("url").asText()).isEqualTo("/v3/api-docs");
        }
    }

    @Test
    void should_open_nothing_but_the_documents_to_anyone() {
        String sku = "SKU-CABLE";
        String orderNo = cluster.createOrder("docs-" + java.util.UUID.randomUUID(), sku, 1).path("orderNo").asText();
        int stock = cluster.stock(sku);
        List<String[]> calls = List.of(
                new String[] {"POST", cluster.orderUrl + "/v3/api-docs"},
                new String[] {"PUT", cluster.orderUrl + "/problems/order-not-found"},
                new String[] {"GET", cluster.orderUrl + "/v3/api-docs/internal"},
                new String[] {"GET", cluster.orderUrl + "/v3/api-docs/../../internal/orders/" + orderNo + "/moves"},
                new String[] {"POST", cluster.orderUrl + "/v3/api-docs/..;/internal/orders/" + orderNo + "/moves"},
                new String[] {"POST", cluster.orderUrl + "/swagger-ui/../internal/orders/" + orderNo + "/moves"},
                new String[] {"POST", cluster.orderUrl + "/internal/orders/" + orderNo + "/moves"},
                new String[] {"GET", cluster.orderUrl + "/swagger-ui/../actuator/env"},
                new String[] {"GET", cluster.orderUrl + "/problems/../api/orders/" + orderNo},
                new String[] {"GET", cluster.orderUrl + "/api/orders/" + orderNo},
                new String[] {"POST", cluster.orderUrl + "/api/orders/" + orderNo + "/cancel"},
                new String[] {"GET", cluster.paymentUrl + "/api/admin/refunds"},
                new String[] {"GET", cluster.paymentUrl + "/swagger-ui/../api/admin/reconciliation"},
                new String[] {"GET", cluster.paymentUrl + "/actuator/faults"},
                new String[] {"PUT", cluster.inventoryUrl + "/api/admin/skus/" + sku + "/stock"},
                new String[] {"POST", cluster.inventoryUrl + "/internal/stock/deductions"});
        for (String[] call : calls) {
            Cluster.Answer answer = anonymous(call[0], call[1]);
            assertThat(answer.status()).as(call[0] + " " + call[1] + " -> " + answer.body()).isIn(400, 401, 403);
            assertThat(answer.contentType()).as(call[0] + " " + call[1]).startsWith("application/problem+json");
        }
        assertThat(cluster.order(orderNo).path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(cluster.stock(sku)).isEqualTo(stock);
    }

    @Test
    void should_answer_refusals_with_a_type_whose_page_names_the_code() {
        String shopper = cluster.shopperToken("docs-" + java.util.UUID.randomUUID());
        record Refusal(String method, String url, String body, String credential, int status, String code) {
        }
        List<Refusal> refusals = List.of(
                new Refusal("GET", cluster.orderUrl + "/api/orders/ORD-NOPE", null, shopper, 404, "ORDER_NOT_FOUND"),
                new Refusal("GET", cluster.orderUrl + "/api/orders/ORD-NOPE", null, "", 401, "UNAUTHENTICATED"),
                new Refusal("GET", cluster.orderUrl + "/api/orders/ORD-NOPE", null, "Bearer not-a-token", 401, "INVALID_TOKEN"),
                new Refusal("GET", cluster.orderUrl + "/api/orders/ORD-NOPE/..;x", null, shopper, 400, "REQUEST_REJECTED"),
                new Refusal("POST", cluster.paymentUrl + "/api/payments", "{\"orderNo\":\"ORD-NOPE\",\"channel\":\"WECHAT\"}",
                        shopper, 404, "ORDER_NOT_FOUND"),
                new Refusal("POST", cluster.paymentUrl + "/api/payments", "{\"orderNo\":\"ORD-NOPE\",\"channel\":\"PAYPAL\"}",
                        shopper, 400, "MALFORMED_REQUEST"),
                new Refusal("GET", cluster.paymentUrl + "/api/admin/refunds", null, shopper, 403, "FORBIDDEN"),
                new Refusal("GET", cluster.inventoryUrl + "/api/skus/SKU-NOPE", null, "", 404, "SKU_NOT_FOUND"));
        for (Refusal refusal : refusals) {
            Cluster.Answer answer = send(refusal.method(), refusal.url(), refusal.body(), refusal.credential());
            Cluster.assertProblem(answer, refusal.status(), refusal.code());
            String type = answer.json().path("type").asText();
            assertThat(type).as(answer.body()).startsWith("/problems/");

            URI page = URI.create(refusal.url()).resolve(type);
            Cluster.Answer described = anonymous("GET", page.toString());
            assertThat(described.status()).as("GET " + page + " -> " + described.body()).isEqualTo(200);
            assertThat(described.contentType()).startsWith("text/html");
            assertThat(described.body()).as(page.toString())
                    .contains("<code>" + refusal.code() + "</code>", "HTTP status <b>" + refusal.status(), "What to do");
        }

        Cluster.Answer index = anonymous("GET", cluster.paymentUrl + "/problems");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("/problems/order-not-found", "/problems/channel-unavailable");
        Cluster.Answer unknown = anonymous("GET", cluster.inventoryUrl + "/problems/no-such-problem");
        Cluster.assertProblem(unknown, 404, "NOT_FOUND");
        assertThat(unknown.json().path("type").asText()).isEqualTo("/problems/not-found");
    }

    private Cluster.Answer anonymous(String method, String url) {
        return send(method, url, method.equals("GET") ? null : "{}", "");
    }

    /** Exactly this request: the credential given (none when empty), nothing added. */
    private Cluster.Answer send(String method, String url, String body, String credential) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (!credential.isEmpty()) {
            request.header("Authorization", credential);
        }
        return cluster.exchange(request.build());
    }
}
