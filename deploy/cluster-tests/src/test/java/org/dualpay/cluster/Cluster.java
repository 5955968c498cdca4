package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The running cluster the scenarios talk to, found through the environment that
 * {@code deploy/local/test.sh} (or {@code deploy/local/cluster.sh env}) provides. Without it every
 * scenario fails at once with a message saying how to get a cluster: none is silently skipped.
 */
final class Cluster {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    final String orderUrl = required("ORDER_URL");
    final String paymentUrl = required("PAYMENT_URL");
    /** The second payment-service instance; scenarios that need two fail without it. */
    final String payment2Url = env("PAYMENT2_URL", "");
    /** The local cluster's control script, for scenarios that kill and restart a process. */
    final String clusterCtl = env("CLUSTER_CTL", "");
    final String inventoryUrl = required("INVENTORY_URL");
    final String sandboxUrl = required("SANDBOX_URL");
    final String nacosUrl = required("NACOS_URL");
    final String mysqlUrl = required("MYSQL_URL");
    final String mysqlUser = env("MYSQL_USER", "dualpay");
    final String mysqlPassword = env("MYSQL_PASSWORD", "dualpay");
    final Path logDir = Path.of(required("CLUSTER_LOG_DIR"));
    final String faultsToken = env("FAULTS_TOKEN", "chaos-demo-token");
    final String wechatSecret = env("WECHAT_NOTIFY_SECRET", "wechat-sandbox-secret");
    final String alipaySecret = env("ALIPAY_NOTIFY_SECRET", "alipay-sandbox-secret");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** When this scenario began (a second early): the undo_log check looks at its own rows only. */
    private final String startedUtc = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now().minusSeconds(1));

    /** An HTTP answer with its body parsed when it is JSON. */
    record Answer(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String code() {
            return json().path("code").asText();
        }
    }

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), null);
    }

    Answer post(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)), body);
    }

    Answer post(String url, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        headers.forEach(request::header);
        return send(request, body);
    }

    Answer put(String url, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Answer delete(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).DELETE();
        headers.forEach(request::header);
        return send(request, null);
    }

    /** Sends a body as it is (a String), or as JSON (anything else). */
    Answer raw(String url, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, null);
    }

    private Answer send(HttpRequest.Builder request, Object body) {
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                body instanceof String text ? text : JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot reach " + request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---- the order, payment and stock flows an engineer uses ----

    JsonNode createOrder(String userId, String skuCode, int quantity) {
        Answer created = post(orderUrl + "/api/orders",
                Map.of("userId", userId, "items", List.of(Map.of("skuCode", skuCode, "quantity", quantity))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** An order that waits {@code paymentTimeoutSeconds} for its payment. */
    JsonNode createOrder(String userId, String skuCode, int quantity, int paymentTimeoutSeconds) {
        Answer created = post(orderUrl + "/api/orders",
                Map.of("userId", userId, "items", List.of(Map.of("skuCode", skuCode, "quantity", quantity)),
                        "paymentTimeoutSeconds", paymentTimeoutSeconds),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    Answer cancel(String orderNo) {
        return post(orderUrl + "/api/orders/" + orderNo + "/cancel", "");
    }

    /** The shopper pays on the channel; the answer as the sandbox gives it (409 when the trade is closed). */
    Answer pay(String channel, String outTradeNo) {
        return post(sandboxUrl + "/sandbox/" + channel.toLowerCase() + "/trades/" + outTradeNo + "/pay", "");
    }

    /** Turns every sandbox fault knob of both channels off. */
    void healChannels() {
        channelFaults("WECHAT", Map.of());
        channelFaults("ALIPAY", Map.of());
    }

    /** Sets the sandbox's fault knobs of one channel (unnamed knobs off). */
    void channelFaults(String channel, Map<String, Object> knobs) {
        Answer answer = put(sandboxUrl + "/sandbox/faults", Map.of(channel, knobs));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    JsonNode refunds(String orderNo) {
        return payment(orderNo).path("refunds");
    }

    JsonNode notifications(String userId) {
        return get(paymentUrl + "/api/users/" + userId + "/notifications").json();
    }

    /** Waits until the order has {@code count} refunds, all in {@code status}. */
    void awaitRefunds(String orderNo, int count, String status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode refunds = refunds(orderNo);
            assertThat(refunds.size()).as(refunds.toString()).isEqualTo(count);
            refunds.forEach(r -> assertThat(r.path("status").asText()).as(refunds.toString()).isEqualTo(status));
        });
    }

    JsonNode order(String orderNo) {
        Answer answer = get(orderUrl + "/api/orders/" + orderNo);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    JsonNode startPayment(String orderNo, String channel) {
        Answer started = post(paymentUrl + "/api/payments", Map.of("orderNo", orderNo, "channel", channel));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json();
    }

    JsonNode payment(String orderNo) {
        Answer answer = get(paymentUrl + "/api/payments/" + orderNo);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The shopper pays, and the channel accepts it. */
    JsonNode shopperPays(String channel, String outTradeNo) {
        Answer paid = pay(channel, outTradeNo);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        return paid.json();
    }

    JsonNode channelTrade(String channel, String outTradeNo) {
        return get(sandboxUrl + "/sandbox/" + channel.toLowerCase() + "/trades/" + outTradeNo).json();
    }

    /**
     * Waits until the whole payment story is visible: order PAID, payment PAID and the stock down.
     * Under AT each branch's local commit is visible at once (global read-uncommitted), so the order
     * can read PAID a moment before the inventory branch, the last one, has run.
     */
    void awaitPaid(String orderNo, String skuCode, int expectedStock) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(order(orderNo).path("status").asText()).isEqualTo("PAID");
            assertThat(payment(orderNo).path("status").asText()).isEqualTo("PAID");
            assertThat(stock(skuCode)).isEqualTo(expectedStock);
        });
    }

    int stock(String skuCode) {
        return get(inventoryUrl + "/api/skus/" + skuCode).json().path("stock").asInt();
    }

    void setStock(String skuCode, int stock) {
        Answer answer = put(inventoryUrl + "/api/admin/skus/" + skuCode + "/stock", Map.of("stock", stock));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    void armFault(String serviceUrl, String point, String mode, int times) {
        Answer answer = post(serviceUrl + "/actuator/faults/" + point, Map.of("mode", mode, "times", times),
                Map.of("X-Fault-Token", faultsToken));
        assertThat(answer.status()).as(answer.body()).isBetween(200, 204);
    }

    /** The armed fault points of a service and how often each fired. */
    JsonNode faults(String serviceUrl) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/faults"))
                .header("X-Fault-Token", faultsToken).GET(), null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    void disarmFaults(String serviceUrl) {
        Answer answer = delete(serviceUrl + "/actuator/faults", Map.of("X-Fault-Token", faultsToken));
        assertThat(answer.status()).as(answer.body()).isBetween(200, 204);
    }

    /** An RFC 9457 answer with this status and code. */
    static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).as(answer.body()).isEqualTo(code);
    }

    // ---- the databases, read directly as a finance team would ----

    long count(String database, String sql, Object... args) {
        try (Connection connection = DriverManager.getConnection(mysqlUrl + "/" + database, mysqlUser, mysqlPassword);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("query on " + database + " failed: " + sql, e);
        }
    }

    /** Runs the local cluster's control script, for instance {@code ctl("start", "payment-service-2")}. */
    void ctl(String... args) {
        if (clusterCtl.isBlank()) {
            throw new IllegalStateException("CLUSTER_CTL is not set: this scenario kills and restarts processes "
                    + "of the local cluster (deploy/local/test.sh sets it)");
        }
        try {
            java.util.List<String> command = new java.util.ArrayList<>(List.of("bash", clusterCtl));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(240, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("cluster.sh " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Undo rows written since this scenario began, in the three databases. Older ones may be orphans
     * of earlier chaos (a participant killed right after a commit; Seata removes them after days).
     */
    long undoLogRows() {
        String sql = "SELECT COUNT(*) FROM undo_log WHERE log_created >= ?";
        return count("order_db", sql, startedUtc) + count("payment_db", sql, startedUtc)
                + count("inventory_db", sql, startedUtc);
    }

    // ---- the logs of the local cluster ----

    String log(String component) {
        try {
            return Files.readString(logDir.resolve(component + ".log"));
        } catch (IOException e) {
            throw new AssertionError("cannot read the log of " + component + " in " + logDir, e);
        }
    }

    /** The logs of every payment-service instance, one after the other. */
    String paymentLogs() {
        String logs = log("payment-service");
        return Files.exists(logDir.resolve("payment-service-2.log")) ? logs + log("payment-service-2") : logs;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("No cluster to test against: " + name + " is not set. "
                    + "Run the scenarios with deploy/local/test.sh (it starts a local cluster), or start one "
                    + "with deploy/local/cluster.sh up and run: eval \"$(deploy/local/cluster.sh env)\" "
                    + "&& ./mvnw -Pcluster verify -pl deploy/cluster-tests");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
