package org.dualpay.cluster;

import org.dualpay.common.signing.PlatformKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.core.ThrowingRunnable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The running cluster the scenarios talk to: the local cluster given in the environment that
 * {@code deploy/local/test.sh} (or {@code deploy/local/cluster.sh env}) provides, or else the compose
 * stack Testcontainers brings up (see {@link Deployment}). Without either every scenario fails at
 * once with a message saying how to get a cluster: none is silently skipped.
 */
final class Cluster {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final Deployment deployment = Deployment.current();
    final String orderUrl = required("ORDER_URL");
    final String paymentUrl = required("PAYMENT_URL");
    /** The second payment-service instance; scenarios that need two fail without it. */
    final String payment2Url = env("PAYMENT2_URL", "");
    final String inventoryUrl = required("INVENTORY_URL");
    final String sandboxUrl = required("SANDBOX_URL");
    final String nacosUrl = required("NACOS_URL");
    final String mysqlUrl = required("MYSQL_URL");
    final String mysqlUser = env("MYSQL_USER", "dualpay");
    final String mysqlPassword = required("MYSQL_PASSWORD");
    /** The platforms' keys of the cluster's sandbox (cluster.sh env): scenarios that play a channel sign with them. */
    final PlatformKeys platformKeys = PlatformKeys.of(required("WECHAT_PLATFORM_PRIVATE_KEY"),
            env("WECHAT_PLATFORM_KEY_ID", "PUB_KEY_ID_SANDBOX"), required("WECHAT_APIV3_KEY"),
            required("ALIPAY_PLATFORM_PRIVATE_KEY"));
    /** The cluster's credentials (cluster.sh env): the scenarios call as the rightful caller would. */
    final String serviceKey = required("SERVICE_KEY");
    final String shopperKey = required("SHOPPER_KEY");
    final String operatorPassword = required("OPERATOR_PASSWORD");

    /** Who owns each order this scenario met: the shopper whose token acts on it. */
    private final Map<String, String> ownerOf = new java.util.concurrent.ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** When this scenario began (a second early): the undo_log check looks at its own rows only. */
    private final String startedUtc = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now().minusSeconds(1));

    /** Where each component's log stood when this scenario began: it reads only what came after. */
    private final Map<String, Object> logStart = new LinkedHashMap<>();

    /** The orders this scenario created, for the diagnostics kept when it fails. */
    final List<String> touchedOrders = new CopyOnWriteArrayList<>();

    Cluster() {
        for (String component : components()) {
            logStart.put(component, deployment.logMark(component));
        }
    }

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

    /**
     * Sends as the rightful caller unless the request names its own {@code Authorization} (see
     * {@link #rightful}); {@link #exchange} sends exactly what it is given.
     */
    private Answer send(HttpRequest.Builder request, Object body) {
        try {
            String text = null;
            if (body != null) {
                text = body instanceof String string ? string : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text));
            }
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            if (built.headers().firstValue("Authorization").isEmpty()) {
                String credential = rightful(built.method(), built.uri(), text);
                if (credential != null) {
                    request.header("Authorization", credential);
                }
            }
            return exchange(request.build());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One request exactly as built: no credential is added. */
    Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot reach " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---- the callers: shoppers, the cluster's services, the operator ----

    /** A shopper's bearer token, as {@code cluster.sh token} makes it. */
    String shopperToken(String userId) {
        return "Bearer " + org.dualpay.common.security.Tokens.sign(shopperKey,
                org.dualpay.common.security.Tokens.SHOPPER_ISSUER, userId, java.time.Instant.now(), Duration.ofHours(1));
    }

    /** A service's bearer token, as a service's Feign call carries it. */
    String serviceToken(String service) {
        return "Bearer " + org.dualpay.common.security.Tokens.sign(serviceKey,
                org.dualpay.common.security.Tokens.SERVICE_ISSUER, service, java.time.Instant.now(), Duration.ofMinutes(1));
    }

    String operator() {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("operator:" + operatorPassword).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The credential the rightful caller of this request has: the shopper who owns the order (or is
     * named in the new order) for the shopper's actions, the operator for reads, administration and
     * fault points, a service for {@code /internal/**}; none for the channel sandbox, the channels'
     * notifies and the registry.
     */
    private String rightful(String method, URI uri, String body) {
        String path = uri.getPath();
        if (path.startsWith("/sandbox/") || path.startsWith("/nacos/") || path.startsWith("/api/payments/notify/")
                || path.startsWith("/actuator/health")) {
            return null;
        }
        if (path.startsWith("/internal/")) {
            return serviceToken("cluster-tests");
        }
        if (path.startsWith("/api/admin/") || path.startsWith("/actuator/")) {
            return operator();
        }
        if (method.equals("POST") && path.equals("/api/orders")) {
            return shopperToken(jsonField(body, "userId"));
        }
        if (method.equals("POST") && path.equals("/api/payments")) {
            return shopperToken(ownerOf(jsonField(body, "orderNo")));
        }
        java.util.regex.Matcher own = java.util.regex.Pattern.compile("/api/(?:orders/([^/]+)/(?:cancel|refund)|cashier/([^/]+))")
                .matcher(path);
        if (own.matches()) {
            return shopperToken(ownerOf(own.group(1) != null ? own.group(1) : own.group(2)));
        }
        return method.equals("GET") ? operator() : null;
    }

    // ---- traces ----

    /**
     * The traces Zipkin holds with a span tagged {@code key=value} (its {@code annotationQuery}), each a
     * list of spans; asked without a credential (Zipkin is no service of the cluster's trust boundaries).
     */
    JsonNode tracesTagged(String key, String value) {
        String query = URLEncoder.encode(key + "=" + value, StandardCharsets.UTF_8);
        Answer answer = exchange(HttpRequest.newBuilder(URI.create(required("ZIPKIN_URL")
                + "/api/v2/traces?limit=10&lookback=3600000&annotationQuery=" + query))
                .timeout(Duration.ofSeconds(30)).GET().build());
        assertThat(answer.status()).as("Zipkin's answer to the trace search: " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The shopper who owns an order ("nobody" for an order that does not exist). */
    String ownerOf(String orderNo) {
        if (orderNo == null || orderNo.isBlank()) {
            return "nobody";
        }
        return ownerOf.computeIfAbsent(orderNo, no -> {
            Answer answer = exchange(HttpRequest.newBuilder(URI.create(orderUrl + "/api/orders/" + no))
                    .header("Authorization", operator()).timeout(Duration.ofSeconds(30)).GET().build());
            return answer.status() == 200 ? answer.json().path("userId").asText() : "nobody";
        });
    }

    private static String jsonField(String body, String field) {
        try {
            return body == null ? null : JSON.readTree(body).path(field).asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- the order, payment and stock flows an engineer uses ----

    JsonNode createOrder(String userId, String skuCode, int quantity) {
        Answer created = post(orderUrl + "/api/orders",
                Map.of("userId", userId, "items", List.of(Map.of("skuCode", skuCode, "quantity", quantity))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        touchedOrders.add(created.json().path("orderNo").asText());
        ownerOf.put(created.json().path("orderNo").asText(), userId);
        return created.json();
    }

    /** An order that waits {@code paymentTimeoutSeconds} for its payment. */
    JsonNode createOrder(String userId, String skuCode, int quantity, int paymentTimeoutSeconds) {
        Answer created = post(orderUrl + "/api/orders",
                Map.of("userId", userId, "items", List.of(Map.of("skuCode", skuCode, "quantity", quantity)),
                        "paymentTimeoutSeconds", paymentTimeoutSeconds),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        touchedOrders.add(created.json().path("orderNo").asText());
        ownerOf.put(created.json().path("orderNo").asText(), userId);
        return created.json();
    }

    Answer cancel(String orderNo) {
        return post(orderUrl + "/api/orders/" + orderNo + "/cancel", "");
    }

    /** The shopper pays on the channel; the answer as the sandbox gives it (409 when the trade is closed). */
    Answer pay(String channel, String outTradeNo) {
        return post(sandboxUrl + "/sandbox/" + channel.toLowerCase() + "/trades/" + outTradeNo + "/pay", "");
    }

    /** The payment-service instances to reach one by one (the second one when the cluster runs it). */
    List<String> paymentInstances() {
        return payment2Url.isBlank() ? List.of(paymentUrl) : List.of(paymentUrl, payment2Url);
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
        eventually(count + " refund(s) of order " + orderNo + " in " + status, Duration.ofSeconds(60), () -> {
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
        eventually("order " + orderNo + " PAID, its payment PAID and " + skuCode + " down to " + expectedStock,
                Duration.ofSeconds(30), () -> {
                    assertThat(order(orderNo).path("status").asText()).as("order status").isEqualTo("PAID");
                    assertThat(payment(orderNo).path("status").asText()).as("payment status").isEqualTo("PAID");
                    assertThat(stock(skuCode)).as("stock of " + skuCode).isEqualTo(expectedStock);
                });
    }

    /**
     * Waits until the assertion holds, polling every 100 ms. On time-out the failure names what was
     * awaited and carries the last assertion's message, so it says what was seen instead.
     */
    static void eventually(String what, Duration atMost, ThrowingRunnable assertion) {
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
    }

    static void eventually(String what, ThrowingRunnable assertion) {
        eventually(what, Duration.ofSeconds(30), assertion);
    }

    /** Waits until undo_log rows written since this scenario began are gone from the three databases. */
    void awaitNoUndoLog() {
        eventually("no undo_log rows left by this scenario", Duration.ofSeconds(20),
                () -> assertThat(undoLogRows()).as("undo_log rows since the scenario began").isZero());
    }

    int stock(String skuCode) {
        return get(inventoryUrl + "/api/skus/" + skuCode).json().path("stock").asInt();
    }

    void setStock(String skuCode, int stock) {
        Answer answer = put(inventoryUrl + "/api/admin/skus/" + skuCode + "/stock", Map.of("stock", stock));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    void armFault(String serviceUrl, String point, String mode, int times) {
        armFault(serviceUrl, point, mode, times, 0);
    }

    void armFault(String serviceUrl, String point, String mode, int times, long delayMs) {
        armFault(serviceUrl, point, Map.of("mode", mode, "times", times, "delayMs", delayMs));
    }

    /** Arms a fault point with {@code {mode, delayMs, probability, times}} as given. */
    void armFault(String serviceUrl, String point, Map<String, Object> fault) {
        Answer answer = post(serviceUrl + "/actuator/faults/" + point, fault);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 204);
    }

    /** The armed fault points of a service and how often each fired. */
    JsonNode faults(String serviceUrl) {
        Answer answer = get(serviceUrl + "/actuator/faults");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    void disarmFaults(String serviceUrl) {
        Answer answer = delete(serviceUrl + "/actuator/faults", Map.of());
        assertThat(answer.status()).as(answer.body()).isBetween(200, 204);
    }

    /** The sum of a Prometheus series on a service, e.g. {@code name{label="x"}}: 0 when it has none yet. */
    double metric(String serviceUrl, String seriesPrefix) {
        return get(serviceUrl + "/actuator/prometheus").body().lines().filter(line -> line.startsWith(seriesPrefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
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

    /**
     * Undo rows written since this scenario began, in the three databases. Older ones may be orphans
     * of earlier chaos (a participant killed right after a commit; Seata removes them after days).
     */
    long undoLogRows() {
        String sql = "SELECT COUNT(*) FROM undo_log WHERE log_created >= ?";
        return count("order_db", sql, startedUtc) + count("payment_db", sql, startedUtc)
                + count("inventory_db", sql, startedUtc);
    }

    // ---- the components' logs, from where each stood when this scenario began ----

    /**
     * The components whose logs the scenarios read (on compose also Testcontainers' ambassador, whose
     * socat reports a connection it could not forward).
     */
    static List<String> components() {
        return List.of("order-service", "inventory-service", "payment-service", "payment-service-2",
                "channel-sandbox", "seata", "ambassador");
    }

    /** What a component logged since this scenario began (empty when it has no log). */
    String log(String component) {
        return deployment.logSince(component, logStart.get(component));
    }

    /** The logs of every payment-service instance since this scenario began, one after the other. */
    String paymentLogs() {
        return log("payment-service") + log("payment-service-2");
    }

    /** Lines that components logged since this scenario began and that contain every one of the strings. */
    List<String> logLines(List<String> components, String... containing) {
        List<String> lines = new ArrayList<>();
        for (String component : components) {
            log(component).lines().filter(line -> Arrays.stream(containing).allMatch(line::contains))
                    .forEach(lines::add);
        }
        return lines;
    }

    List<String> paymentLogLines(String... containing) {
        return logLines(List.of("payment-service", "payment-service-2"), containing);
    }

    /** Waits until a component has logged a line with every one of the strings; returns the first such line. */
    String awaitLogLine(List<String> components, String... containing) {
        List<String> found = new ArrayList<>();
        eventually(components + " logging a line with " + Arrays.toString(containing), Duration.ofSeconds(20), () -> {
            found.clear();
            found.addAll(logLines(components, containing));
            assertThat(found).as("matching lines since the scenario began").isNotEmpty();
        });
        return found.get(0);
    }

    String awaitPaymentLogLine(String... containing) {
        return awaitLogLine(List.of("payment-service", "payment-service-2"), containing);
    }

    /** The last lines each component logged since this scenario began, for a failure report. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        for (String component : components()) {
            List<String> all = log(component).lines().toList();
            if (all.isEmpty()) {
                continue;
            }
            out.append("---- ").append(component).append(" (last ").append(Math.min(lines, all.size()))
                    .append(" of ").append(all.size()).append(" lines since the scenario began)\n");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    /** The rows of an order across the three databases, for a failure report. */
    String rowsOf(String orderNo) {
        StringBuilder out = new StringBuilder("---- order " + orderNo + "\n");
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("order_db.orders", "SELECT * FROM order_db.orders WHERE order_no = ?");
        queries.put("order_db.order_timeline", "SELECT * FROM order_db.order_timeline WHERE order_no = ? ORDER BY id");
        queries.put("payment_db.payment", "SELECT * FROM payment_db.payment WHERE order_no = ?");
        queries.put("payment_db.payment_attempt", "SELECT * FROM payment_db.payment_attempt WHERE order_no = ?");
        queries.put("payment_db.notify_inbox", "SELECT i.* FROM payment_db.notify_inbox i JOIN payment_db.payment_attempt a "
                + "ON a.out_trade_no = i.out_trade_no WHERE a.order_no = ?");
        queries.put("payment_db.refund", "SELECT * FROM payment_db.refund WHERE order_no = ?");
        queries.put("inventory_db.stock_movement", "SELECT * FROM inventory_db.stock_movement WHERE order_no = ?");
        queries.forEach((table, sql) -> {
            out.append(table).append(":\n");
            try {
                rows("order_db", sql, orderNo).forEach(row -> out.append("  ").append(row).append('\n'));
            } catch (AssertionError e) {
                out.append("  (").append(e.getMessage()).append(")\n");
            }
        });
        return out.toString();
    }

    /** Rows of a query, each column by name. */
    List<Map<String, Object>> rows(String database, String sql, Object... args) {
        try (Connection connection = DriverManager.getConnection(mysqlUrl + "/" + database, mysqlUser, mysqlPassword);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("query on " + database + " failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    // ---- the processes ----

    /**
     * Brings back whatever a scenario stopped, killed or froze, and waits until each component is
     * healthy and registered in Nacos.
     */
    void ensureAllRunning() {
        deployment.ensureAllRunning();
    }

    /** The addresses a service's instances may register in Nacos. */
    java.util.Set<String> registrableIps(String service) {
        return deployment.registrableIps(service);
    }

    /** The operator's console (cluster.sh env gives it; the console's tests, -Pconsole, need it). */
    String consoleUrl() {
        return required("CONSOLE_URL");
    }

    /** The checkout the local cluster runs from (its .cluster folder: logs, chaos runs), from CLUSTER_CTL. */
    String clusterRoot() {
        return Path.of(required("CLUSTER_CTL")).toAbsolutePath().getParent().getParent().getParent().toString();
    }

    private String required(String name) {
        String value = deployment.setting(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The cluster to test against has no " + name + ": give every variable "
                    + "deploy/local/cluster.sh env prints (eval \"$(deploy/local/cluster.sh env)\"), or none to "
                    + "test the compose stack");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private String env(String name, String fallback) {
        String value = deployment.setting(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
