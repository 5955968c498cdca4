package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.dualpay.common.security.Tokens;
import org.dualpay.common.signing.PlatformKeys;
import org.junit.jupiter.api.Test;

/**
 * Outsiders against the running cluster, over real HTTP: every way in that changes money or stock is
 * tried without the right credential, and each attempt must be refused with a problem document and
 * change nothing in the three databases.
 */
class TrustBoundariesIT {

    private static final String SKU = "SKU-CABLE";

    private final Cluster cluster = new Cluster();

    /** An unpaid order (a WeChat trade open) and a paid one, and what their rows are now. */
    private record Victims(String unpaid, String unpaidTrade, String paid, String owner, long total) {
    }

    @Test
    void should_refuse_every_internal_call_that_a_service_did_not_make_and_change_nothing() {
        Victims v = victims();
        Map<String, String> before = snapshot(v);
        String wrongKey = "Bearer " + Tokens.sign("a-key-that-is-not-the-clusters-0123456789", Tokens.SERVICE_ISSUER,
                "payment-service", Instant.now(), Duration.ofMinutes(1));
        String expired = "Bearer " + Tokens.sign(cluster.serviceKey, Tokens.SERVICE_ISSUER, "payment-service",
                Instant.now().minus(Duration.ofMinutes(10)), Duration.ofMinutes(1));
        String published = "Bearer " + Tokens.sign("demo-service-key-published-in-the-repository-0001",
                Tokens.SERVICE_ISSUER, "payment-service", Instant.now(), Duration.ofMinutes(1));
        Map<String, Integer> credentials = new LinkedHashMap<>();
        credentials.put("", 401);
        credentials.put(wrongKey, 401);
        credentials.put(expired, 401);
        credentials.put(published, 401);
        credentials.put(cluster.shopperToken(v.owner()), 403);
        credentials.put(cluster.operator(), 403);

        List<String> answers = new ArrayList<>();
        for (var credential : credentials.entrySet()) {
            for (String[] call : internalCalls(v)) {
                Cluster.Answer answer = send("POST", call[0], call[1], credential.getKey());
                answers.add(answer.status() + " " + call[0]);
                assertRefused(answer, credential.getValue());
            }
        }
        System.out.println("internal calls by outsiders: " + answers.size() + " refused");

        assertUnchanged(v, before);
    }

    @Test
    void should_refuse_fault_points_and_administration_to_anyone_but_the_operator_however_the_path_is_written() {
        Victims v = victims();
        Map<String, String> before = snapshot(v);
        String point = "payment.confirm.before-commit";
        List<String> forms = List.of("/actuator/faults/" + point, "/actuator;x/faults/" + point,
                "/actuator/faults;x/" + point, "/actuator%2Ffaults/" + point, "//actuator/faults/" + point,
                "/actuator//faults/" + point, "/ACTUATOR/faults/" + point, "/Actuator/Faults/" + point,
                "/actuator/faults/" + point + "/", "/actuator/./faults/" + point, "/actuator/%2e/faults/" + point,
                "/api/admin/../actuator/faults/" + point, "/actuator/faults/" + point + "%00");
        String body = "{\"mode\":\"HALT\"}";
        for (String base : List.of(cluster.orderUrl, cluster.paymentUrl, cluster.inventoryUrl)) {
            for (String form : forms) {
                for (String credential : List.of("", cluster.shopperToken(v.owner()))) {
                    Cluster.Answer answer = send("POST", base + form, body, credential);
                    assertThat(answer.status()).as("POST " + base + form + " -> " + answer.body()).isIn(400, 401, 403, 404);
                    if (answer.status() != 400) {
                        // a 400 may come from Tomcat itself (an encoded slash or NUL never reaches the application)
                        assertThat(answer.contentType()).as(form).startsWith("application/problem+json");
                    }
                }
            }
            assertThat(cluster.faults(base).path("armed").size()).as("fault points armed on " + base).isZero();
        }

        // administration: reconciliation, refund retry, stock, in any form, without the operator
        List<String[]> admin = List.of(
                new String[] {"GET", cluster.paymentUrl + "/api/admin/reconciliation", null},
                new String[] {"GET", cluster.paymentUrl + "/api/admin/refunds", null},
                new String[] {"POST", cluster.paymentUrl + "/api/admin/refunds/RF-X/retry", ""},
                new String[] {"POST", cluster.paymentUrl + "/api/admin;x/refunds/RF-X/retry", ""},
                new String[] {"POST", cluster.paymentUrl + "/API/admin/refunds/RF-X/retry", ""},
                new String[] {"POST", cluster.paymentUrl + "/api/admin/refunds/RF-X/retry/", ""},
                new String[] {"POST", cluster.paymentUrl + "//api/admin/refunds/RF-X/retry", ""},
                new String[] {"PUT", cluster.inventoryUrl + "/api/admin/skus/" + SKU + "/stock", "{\"stock\":0}"},
                new String[] {"PUT", cluster.inventoryUrl + "/api/admin%2Fskus/" + SKU + "/stock", "{\"stock\":0}"},
                new String[] {"PUT", cluster.inventoryUrl + "/api/admin/skus/" + SKU + "/stock/", "{\"stock\":0}"},
                new String[] {"GET", cluster.paymentUrl + "/actuator/prometheus", null},
                new String[] {"GET", cluster.orderUrl + "/actuator/env", null});
        for (String[] call : admin) {
            for (String credential : List.of("", cluster.shopperToken(v.owner()))) {
                Cluster.Answer answer = send(call[0], call[1], call[2], credential);
                assertThat(answer.status()).as(call[0] + " " + call[1] + " -> " + answer.body()).isIn(400, 401, 403, 404);
            }
        }
        assertUnchanged(v, before);
    }

    @Test
    void should_refuse_notifies_signed_with_the_published_demo_keys() {
        Victims v = victims();
        Map<String, String> before = snapshot(v);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PlatformKeys published = publishedPlatformKeys();
        for (String channel : List.of("WECHAT", "ALIPAY")) {
            String trade = channel.equals("WECHAT") ? v.unpaidTrade()
                    : cluster.startPayment(v.unpaid(), "ALIPAY").path("outTradeNo").asText();
            before = snapshot(v);
            var forged = SignedNotifies.signed(new SignedNotifies.Paid(channel, trade, "T" + System.nanoTime(),
                    v.total(), now), published);
            Cluster.Answer answer = cluster.raw(cluster.paymentUrl + "/api/payments/notify/" + channel,
                    forged.contentType(), forged.body(), forged.headers());
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(SignedNotifies.acknowledged(channel, answer)).isFalse();
        }
        assertUnchanged(v, before);
    }

    /** The platform keys common's application-demo.yml publishes (the sandbox's side of the demo profile). */
    private static PlatformKeys publishedPlatformKeys() {
        var yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        yaml.setResources(new org.springframework.core.io.ClassPathResource("application-demo.yml"));
        java.util.Properties demo = yaml.getObject();
        java.util.function.Function<String, String> published = name -> {
            String value = demo.getProperty(name);
            return value.substring(value.indexOf(':') + 1, value.length() - 1);
        };
        return PlatformKeys.of(published.apply("sandbox.channels.WECHAT.platform-private-key"), "PUB_KEY_ID_SANDBOX",
                published.apply("sandbox.channels.WECHAT.api-v3-key"),
                published.apply("sandbox.channels.ALIPAY.platform-private-key"));
    }

    @Test
    void should_answer_not_found_when_a_shopper_reaches_for_another_shoppers_order() {
        Victims v = victims();
        Map<String, String> before = snapshot(v);
        String intruder = cluster.shopperToken("intruder-" + System.nanoTime());
        for (String orderNo : List.of(v.unpaid(), v.paid())) {
            assertProblem(send("GET", cluster.orderUrl + "/api/orders/" + orderNo, null, intruder), 404, "ORDER_NOT_FOUND");
            assertProblem(send("POST", cluster.orderUrl + "/api/orders/" + orderNo + "/cancel", "", intruder), 404,
                    "ORDER_NOT_FOUND");
            assertProblem(send("POST", cluster.orderUrl + "/api/orders/" + orderNo + "/refund", "", intruder), 404,
                    "ORDER_NOT_FOUND");
            assertProblem(send("GET", cluster.paymentUrl + "/api/payments/" + orderNo, null, intruder), 404,
                    "PAYMENT_NOT_FOUND");
            assertProblem(send("POST", cluster.paymentUrl + "/api/payments",
                    "{\"orderNo\":\"" + orderNo + "\",\"channel\":\"ALIPAY\"}", intruder), 404, "ORDER_NOT_FOUND");
        }
        assertProblem(send("GET", cluster.paymentUrl + "/api/cashier/" + v.unpaid(), null, intruder), 404, "ORDER_NOT_FOUND");
        assertProblem(send("GET", cluster.paymentUrl + "/api/users/" + v.owner() + "/notifications", null, intruder),
                403, "NOT_YOUR_ACCOUNT");
        assertProblem(send("GET", cluster.orderUrl + "/api/orders?userId=" + v.owner(), null, intruder), 403,
                "NOT_YOUR_ACCOUNT");
        assertProblem(send("POST", cluster.orderUrl + "/api/orders",
                "{\"userId\":\"" + v.owner() + "\",\"items\":[{\"skuCode\":\"" + SKU + "\",\"quantity\":1}]}", intruder,
                Map.of("Idempotency-Key", "intruder-" + System.nanoTime())), 403, "NOT_YOUR_ACCOUNT");
        // the owner still sees their order
        assertThat(send("GET", cluster.orderUrl + "/api/orders/" + v.unpaid(), null,
                cluster.shopperToken(v.owner())).status()).isEqualTo(200);
        assertUnchanged(v, before);
    }

    @Test
    void should_refuse_to_start_a_service_whose_secrets_are_missing_or_published() throws Exception {
        Path jar = Path.of("..", "..", "inventory-service", "target", "inventory-service.jar");
        assertThat(jar).as("the inventory-service jar, built by the reactor").exists();
        Map<String, String> published = Map.of("MYSQL_PASSWORD", "dualpay",
                "SERVICE_KEY", "demo-service-key-published-in-the-repository-0001",
                "SHOPPER_KEY", "demo-shopper-key-published-in-the-repository-0001",
                "OPERATOR_PASSWORD", "demo-operator-password-published");
        for (Map<String, String> secrets : List.of(Map.<String, String>of(), published)) {
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx128m", "-jar", jar.toString())
                    .redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.equals("MYSQL_PASSWORD")
                    || name.endsWith("_KEY") || name.endsWith("_PASSWORD") || name.endsWith("_SECRET"));
            builder.environment().putAll(secrets);
            builder.environment().put("SERVER_PORT", "0");
            builder.environment().put("NACOS_ADDR", "127.0.0.1:1");
            Path output = Files.createTempFile("secrets-guard", ".log");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the service gave up starting").isTrue();
            String log = Files.readString(output);
            assertThat(process.exitValue()).as(log).isNotZero();
            assertThat(log).contains("Refusing to start").contains("dualpay.security.service-key")
                    .contains(secrets.isEmpty() ? "is not set" : "has a published value");
        }
    }

    // ---- the victims and what must not change ----

    private Victims victims() {
        String owner = "victim-" + System.nanoTime();
        cluster.setStock(SKU, 100);
        JsonNode unpaid = cluster.createOrder(owner, SKU, 1);
        String unpaidTrade = cluster.startPayment(unpaid.path("orderNo").asText(), "WECHAT").path("outTradeNo").asText();
        String paid = cluster.createOrder(owner, SKU, 1).path("orderNo").asText();
        cluster.pay("ALIPAY", cluster.startPayment(paid, "ALIPAY").path("outTradeNo").asText());
        cluster.awaitPaid(paid, SKU, 99);
        return new Victims(unpaid.path("orderNo").asText(), unpaidTrade, paid, owner, unpaid.path("totalAmount").asLong());
    }

    /** The rows an outsider could try to change, as text. */
    private Map<String, String> snapshot(Victims v) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String orderNo : List.of(v.unpaid(), v.paid())) {
            rows.put(orderNo, String.valueOf(cluster.rows("order_db", "SELECT status, paid_out_trade_no FROM order_db.orders "
                    + "WHERE order_no = ?", orderNo))
                    + cluster.rows("order_db", "SELECT COUNT(*) FROM order_db.order_timeline WHERE order_no = ?", orderNo)
                    + cluster.rows("order_db", "SELECT out_trade_no, status, applied FROM payment_db.payment_attempt "
                            + "WHERE order_no = ? ORDER BY out_trade_no", orderNo)
                    + cluster.rows("order_db", "SELECT COUNT(*) FROM payment_db.refund WHERE order_no = ?", orderNo)
                    + cluster.rows("order_db", "SELECT kind, delta FROM inventory_db.stock_movement WHERE order_no = ?",
                            orderNo));
        }
        rows.put("stock", String.valueOf(cluster.stock(SKU)));
        return rows;
    }

    private void assertUnchanged(Victims v, Map<String, String> before) {
        assertThat(snapshot(v)).isEqualTo(before);
        JsonNode report = cluster.get(cluster.paymentUrl + "/api/admin/reconciliation").json();
        report.path("violations").forEach(violation -> assertThat(violation.toString()).as("reconciliation")
                .doesNotContain(v.unpaid()).doesNotContain(v.paid()));
    }

    private List<String[]> internalCalls(Victims v) {
        String paidWithNothing = "{\"outTradeNo\":\"PAY-MADE-UP\",\"channel\":\"WECHAT\",\"channelTradeNo\":\"4200MADEUP\","
                + "\"amount\":" + v.total() + ",\"paidAt\":\"" + Instant.now() + "\"}";
        return List.of(
                new String[] {cluster.orderUrl + "/internal/orders/" + v.unpaid() + "/payment-success", paidWithNothing},
                new String[] {cluster.orderUrl + "/internal/orders/" + v.unpaid() + "/moves",
                        "{\"to\":\"CANCELLED\",\"reason\":\"INTRUDER\"}"},
                new String[] {cluster.orderUrl + "/internal/orders/" + v.paid() + "/moves",
                        "{\"to\":\"REFUNDING\",\"reason\":\"INTRUDER\"}"},
                new String[] {cluster.paymentUrl + "/internal/payments/" + v.unpaid() + "/close-trades", ""},
                new String[] {cluster.paymentUrl + "/internal/payments/" + v.paid() + "/user-refund", ""},
                new String[] {cluster.inventoryUrl + "/internal/stock/deductions",
                        "{\"orderNo\":\"" + v.unpaid() + "\",\"items\":[{\"skuCode\":\"" + SKU + "\",\"quantity\":1}]}"},
                new String[] {cluster.inventoryUrl + "/internal/stock/restorations/" + v.paid(), ""});
    }

    private Cluster.Answer send(String method, String url, String body, String credential) {
        return send(method, url, body, credential, Map.of());
    }

    /** Exactly this request: the credential given (none when empty), nothing added. */
    private Cluster.Answer send(String method, String url, String body, String credential, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (!credential.isEmpty()) {
            request.header("Authorization", credential);
        }
        headers.forEach(request::header);
        return cluster.exchange(request.build());
    }

    private static void assertRefused(Cluster.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private static void assertProblem(Cluster.Answer answer, int status, String code) {
        Cluster.assertProblem(answer, status, code);
    }
}
