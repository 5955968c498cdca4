package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The metrics, as an operator reads them: Prometheus (the cluster's own, Debian's package locally, the
 * compose service on Docker) scrapes every service instance and the TC, the services answer their
 * metrics to the operator only, and every query of the dashboard (deploy/metrics/dashboards/dualpay.json)
 * draws something once an order was paid and a duplicate payment refunded.
 */
class MetricsIT {

    static final Path DASHBOARD = ComposeStack.DEPLOY.resolve("metrics/dashboards/dualpay.json");

    private final Cluster cluster = new Cluster();
    private final String prometheus = prometheusUrl();

    @Test
    void should_scrape_every_service_instance_and_the_tc_and_find_each_up() {
        // given the cluster's services: order, inventory, each payment-service instance, and the TC
        int paymentInstances = cluster.paymentInstances().size();

        // then Prometheus has found each of them and its last scrape of each succeeded
        Cluster.eventually("every target of Prometheus up, the services and the TC among them", Duration.ofSeconds(90),
                () -> {
                    JsonNode targets = query("/api/v1/targets?state=active").path("data").path("activeTargets");
                    Map<String, Integer> upByService = new LinkedHashMap<>();
                    List<String> notUp = new ArrayList<>();
                    for (JsonNode target : targets) {
                        String service = target.path("labels").path("service").asText();
                        if (target.path("health").asText().equals("up")) {
                            upByService.merge(service, 1, Integer::sum);
                        } else {
                            notUp.add(target.path("scrapeUrl").asText() + " " + target.path("health").asText() + ": "
                                    + target.path("lastError").asText());
                        }
                    }
                    assertThat(notUp).as("targets not up").isEmpty();
                    assertThat(upByService).as("targets up, by service").containsEntry("order-service", 1)
                            .containsEntry("inventory-service", 1).containsEntry("payment-service", paymentInstances)
                            .containsKey("seata-server");
                });
    }

    @Test
    void should_answer_metrics_to_the_operator_only() {
        for (String service : services()) {
            String url = service + "/actuator/prometheus";
            // when someone asks without a credential, or with a wrong operator password
            Cluster.Answer anonymous = cluster.exchange(HttpRequest.newBuilder(URI.create(url)).GET().build());
            Cluster.Answer wrong = cluster.exchange(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString("operator:not-the-password".getBytes(StandardCharsets.UTF_8)))
                    .GET().build());
            // as a shopper
            Cluster.Answer shopper = cluster.exchange(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", cluster.shopperToken("u-metrics")).GET().build());

            // then each is refused with a problem document, and no metric is in the answer
            Cluster.assertProblem(anonymous, 401, "UNAUTHENTICATED");
            assertThat(wrong.status()).as(url + " with a wrong password: " + wrong.body()).isEqualTo(401);
            assertThat(shopper.status()).as(url + " as a shopper: " + shopper.body()).isEqualTo(403);
            for (Cluster.Answer refused : List.of(anonymous, wrong, shopper)) {
                assertThat(refused.body()).doesNotContain("jvm_memory_used_bytes");
            }
            // and the operator reads them
            Cluster.Answer operator = cluster.get(url);
            assertThat(operator.status()).as(url + " as the operator").isEqualTo(200);
            assertThat(operator.body()).contains("jvm_memory_used_bytes");
        }
        // the cashier's breakers come with Resilience4j's own meters, on every payment-service instance
        for (String instance : cluster.paymentInstances()) {
            assertThat(cluster.get(instance + "/actuator/prometheus").body())
                    .contains("resilience4j_circuitbreaker_state{name=\"channel-wechat\",state=\"closed\",")
                    .contains("resilience4j_circuitbreaker_state{name=\"channel-alipay\",state=\"closed\",");
        }
    }

    @Test
    void should_draw_every_dashboard_panel_after_a_paid_order_and_a_refunded_duplicate_payment() throws IOException {
        // given what Prometheus holds now of refunds done and transactions committed
        double refundedBefore = value("max(dualpay_refunds{status=\"SUCCESS\"})");
        double committedBefore = value("sum(dualpay_global_transactions_total{result=\"committed\"})");
        double tcCommittedBefore = value("sum(seata_transaction{role=\"tc\",meter=\"counter\",status=\"committed\"})");

        // when an order is paid on WeChat, then paid again on Alipay: that money is refunded
        String user = "metrics-" + UUID.randomUUID();
        cluster.setStock("SKU-MOUSE", 100);
        String orderNo = cluster.createOrder(user, "SKU-MOUSE", 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String alipay = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.pay("WECHAT", wechat);
        cluster.awaitPaid(orderNo, "SKU-MOUSE", 99);
        cluster.pay("ALIPAY", alipay);
        cluster.awaitRefunds(orderNo, 1, "SUCCESS");

        // then every query of every panel returns at least one series from Prometheus
        Map<String, String> queries = panelQueries();
        assertThat(queries).as("the dashboard's queries").hasSizeGreaterThanOrEqualTo(7);
        Cluster.eventually("every dashboard query answered with a series", Duration.ofSeconds(120), () -> {
            List<String> empty = new ArrayList<>();
            queries.forEach((panel, expr) -> {
                JsonNode answer = query("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
                assertThat(answer.path("status").asText()).as(panel + ": " + expr + " -> " + answer).isEqualTo("success");
                if (answer.path("data").path("result").isEmpty()) {
                    empty.add(panel + ": " + expr);
                }
            });
            assertThat(empty).as("queries without a series").isEmpty();
        });
        // and they tell this story: one more refund done, and the payment's global transaction committed as
        // payment-service and the TC both counted it
        Cluster.eventually("the refund and the committed transaction in Prometheus", Duration.ofSeconds(60), () -> {
            assertThat(value("max(dualpay_refunds{status=\"SUCCESS\"})")).as("refunds done")
                    .isGreaterThanOrEqualTo(refundedBefore + 1);
            assertThat(value("sum(dualpay_global_transactions_total{result=\"committed\"})"))
                    .as("committed, as payment-service counts them").isGreaterThanOrEqualTo(committedBefore + 1);
            assertThat(value("sum(seata_transaction{role=\"tc\",meter=\"counter\",status=\"committed\"})"))
                    .as("committed, as the TC counts them").isGreaterThanOrEqualTo(tcCommittedBefore + 1);
        });
    }

    /** The value of a query with one result (0 while it has none). */
    private double value(String expr) {
        JsonNode result = query("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))
                .path("data").path("result");
        return result.isEmpty() ? 0 : result.path(0).path("value").path(1).asDouble();
    }

    /** Each panel's queries by "panel title #refId", read from the dashboard JSON. */
    static Map<String, String> panelQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : Cluster.JSON.readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + " #" + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        return queries;
    }

    private List<String> services() {
        List<String> services = new ArrayList<>(List.of(cluster.orderUrl, cluster.inventoryUrl));
        services.addAll(cluster.paymentInstances());
        return services;
    }

    /** Prometheus's HTTP API, asked without a credential (it needs none, and gets none of the cluster's). */
    private JsonNode query(String pathAndQuery) {
        Cluster.Answer answer = cluster.exchange(HttpRequest.newBuilder(URI.create(prometheus + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build());
        assertThat(answer.status()).as(pathAndQuery + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String prometheusUrl() {
        String url = Deployment.current().setting("PROMETHEUS_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("PROMETHEUS_URL is not set: the cluster runs no Prometheus "
                    + "(deploy/local/cluster.sh up starts one and cluster.sh env exports its address)");
        }
        return url;
    }
}
