package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operator's console in a real browser (-Pconsole, against the local cluster): logged in through
 * its form, it tells a payment's story as a person reads it. Each check is on the page's visible
 * text, waited for with a deadline; each page checked is saved in target/screenshots.
 */
class ConsoleStoryIT {

    private static final Duration STORY_WITHIN = Duration.ofSeconds(60);

    private final Cluster cluster = new Cluster();
    private Browser browser;

    @BeforeEach
    void logIn() {
        // kept before logging in, so that a failed login still closes the browser (@AfterEach)
        browser = new Browser(cluster.consoleUrl());
        browser.logIn(cluster.operatorPassword);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void should_tell_a_paid_order_s_story_with_its_xid_attempt_and_stock_movement() {
        // given an order paid on WeChat
        cluster.setStock("SKU-KEYBOARD", 100);
        String orderNo = cluster.createOrder("console-" + UUID.randomUUID(), "SKU-KEYBOARD", 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        cluster.pay("WECHAT", wechat);
        cluster.awaitPaid(orderNo, "SKU-KEYBOARD", 99);
        String xid = xidOfPaid(cluster.order(orderNo));

        // when the operator finds it among the latest orders and searches it by number
        browser.open("/orders");
        browser.awaitText("the order among the latest", STORY_WITHIN, orderNo);
        browser.screenshot("01-orders");
        browser.find(By.id("orderNo")).sendKeys(orderNo);
        browser.find(By.id("search")).click();

        // then its story: PAID, the XID on the timeline with its trace link, the attempt applied, the deduction
        browser.awaitText("the paid order's story", STORY_WITHIN, "Order " + orderNo, "PAID", xid, wechat,
                "applied to the order", "DEDUCT", "SKU-KEYBOARD");
        assertThat(browser.currentPath()).isEqualTo("/orders/" + orderNo);
        assertThat(cell("movements", "DEDUCT")).contains("-1");
        WebElement trace = browser.find(By.cssSelector("#xids a.trace"));
        assertThat(trace.getText()).isEqualTo("trace in Zipkin");
        assertThat(trace.getAttribute("href")).endsWith("/zipkin/?annotationQuery=xid%3D"
                + URLEncoder.encode(xid, StandardCharsets.UTF_8));
        browser.screenshot("02-paid-order-story");

        // and the channel it was paid on is offered by every payment-service instance's cashier
        browser.find(By.linkText("Channels")).click();
        browser.awaitText("the channels' health", STORY_WITHIN, "Channels as the cashier sees them", "WECHAT",
                "ALIPAY");
        assertThat(browser.find(By.tagName("main")).findElements(By.cssSelector("table.channels")))
                .as("a table per payment-service instance").hasSizeGreaterThanOrEqualTo(1);
        browser.screenshot("06-channels");
    }

    @Test
    void should_show_a_duplicate_payment_refunded_with_both_attempts() {
        // given an order paid on both channels
        String user = "console-dup-" + UUID.randomUUID();
        cluster.setStock("SKU-MOUSE", 100);
        String orderNo = cluster.createOrder(user, "SKU-MOUSE", 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        String alipay = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        cluster.pay("WECHAT", wechat);
        cluster.pay("ALIPAY", alipay);

        // when the operator opens its story, then both attempts are there and one refund reaches SUCCESS,
        // its TCC branch committed, and the shopper was told
        browser.open("/orders/" + orderNo);
        browser.awaitText("both attempts and the duplicate's refund finished", STORY_WITHIN, "PAID", wechat, alipay,
                "DUPLICATE_PAYMENT", "SUCCESS", "COMMITTED", "REFUND_SUCCEEDED");
        assertThat(browser.find(By.id("refunds")).findElements(By.cssSelector("td.refund-status")))
                .extracting(WebElement::getText).containsExactly("SUCCESS");
        String refunded = cluster.refunds(orderNo).get(0).path("outTradeNo").asText();
        assertThat(cell("refunds", "DUPLICATE_PAYMENT")).contains(refunded);
        assertThat(cell("attempts", refunded)).contains("not applied");
        browser.screenshot("03-duplicate-refunded");
    }

    @Test
    void should_show_a_reconciliation_violation_linked_to_its_order() throws SQLException {
        // given money recorded for an unpaid order, neither applied nor refunded (written into the database,
        // as a bug or a hand edit would)
        String orderNo = cluster.createOrder("console-rec-" + UUID.randomUUID(), "SKU-HEADSET", 1).path("orderNo").asText();
        String kept = cluster.startPayment(orderNo, "ALIPAY").path("outTradeNo").asText();
        try {
            execute("UPDATE payment_db.payment_attempt SET status = 'SUCCESS', applied = 0 WHERE out_trade_no = '"
                    + kept + "'");

            // when the operator opens the reconciliation
            browser.open("/reconciliation");

            // then the violation is there under its rule, and its link leads to the order's story
            browser.awaitText("the injected violation", STORY_WITHIN, "violation(s)", "UNAPPLIED_MONEY_REFUNDED",
                    "attempt " + kept);
            assertThat(cell("violations", "attempt " + kept)).contains("UNAPPLIED_MONEY_REFUNDED", orderNo);
            browser.screenshot("04-reconciliation-violation");
            browser.find(By.linkText(orderNo)).click();
            browser.awaitText("the violating order's story", STORY_WITHIN, "Order " + orderNo, kept, "PENDING_PAYMENT");
            browser.screenshot("05-violating-order");
        } finally {
            execute("UPDATE payment_db.payment_attempt SET status = 'CREATED' WHERE out_trade_no = '" + kept + "'");
        }
        browser.open("/reconciliation");
        browser.awaitText("the mended books", STORY_WITHIN, "Reconciliation");
        assertThat(browser.text()).doesNotContain("attempt " + kept);
    }

    @Test
    void should_show_a_global_transaction_open_in_the_tc_with_its_branches() {
        // given the inventory branch of the next payment held 12 s after it updated stock, inside the
        // global transaction (30 s timeout)
        cluster.setStock("SKU-KEYBOARD", 100);
        String orderNo = cluster.createOrder("console-tc-" + UUID.randomUUID(), "SKU-KEYBOARD", 1).path("orderNo").asText();
        String wechat = cluster.startPayment(orderNo, "WECHAT").path("outTradeNo").asText();
        cluster.armFault(cluster.inventoryUrl, "inventory.deduct.after-update", "DELAY", 1, 12_000);

        // when the shopper pays and the operator looks at the TC's open transactions
        cluster.pay("WECHAT", wechat);
        browser.open("/transactions");

        // then the payment's global transaction is there, live, with the AT branch of the order (the first
        // branch; inventory's registers when it commits)
        browser.awaitText("the payment's transaction open in the TC", Duration.ofSeconds(10), "confirm-payment", "AT",
                "order_db");
        browser.screenshot("07-open-transaction");

        // and once it committed the TC lets go of it, and the order's page tells its story from the records
        cluster.awaitPaid(orderNo, "SKU-KEYBOARD", 99);
        String xid = xidOfPaid(cluster.order(orderNo));
        browser.open("/orders/" + orderNo);
        browser.awaitText("the finished transaction on the order's page", STORY_WITHIN, xid, "finished (the TC no longer holds it");
    }

    @Test
    void should_show_the_chaos_runs_with_their_verdicts() throws Exception {
        // given a run kept where deploy/chaos/run-all.sh keeps them (.cluster/chaos/runs/<time>-<scenarios>/),
        // one scenario passed and one failed with its reason, as report.py writes their results
        Path runs = Path.of(cluster.clusterRoot(), ".cluster", "chaos", "runs");
        Path run = runs.resolve("99991231T235959Z-console-check");
        Files.createDirectories(run);
        try {
            Files.writeString(run.resolve("kill-order.result.json"), "{\"scenario\":\"kill-order\",\"fault\":\"kill -9 of "
                    + "order-service mid-load, back after 5 s\",\"verdict\":\"PASS\",\"reasons\":[],\"orders\":412,"
                    + "\"errors\":3,\"errorsUnexplained\":0,\"latencyMs\":{\"p50\":31.0,\"p95\":412.5,\"max\":5100.0}}");
            Files.writeString(run.resolve("kill-tc.result.json"), "{\"scenario\":\"kill-tc\",\"fault\":\"kill -9 of the "
                    + "Seata TC, back after 5 s\",\"verdict\":\"FAIL\",\"reasons\":[\"2 reconciliation violation(s)\"],"
                    + "\"orders\":388,\"errors\":12,\"errorsUnexplained\":1,\"latencyMs\":{\"p50\":40.0,\"p95\":900.0,\"max\":9000.0}}");

            // when the operator opens the chaos runs, then the run is there with each verdict and why
            browser.open("/chaos");
            browser.awaitText("the kept run with its verdicts", STORY_WITHIN, "99991231T235959Z-console-check",
                    "kill-order", "PASS", "kill-tc", "FAIL", "2 reconciliation violation(s)");
            assertThat(cell("chaos-runs", "kill-tc")).contains("FAIL", "388", "12 (1)");
            browser.screenshot("08-chaos-runs");
        } finally {
            try (var files = Files.list(run)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(run);
        }
    }

    /** The text of the row of a table (by id) that shows the given text. */
    private String cell(String tableId, String rowText) {
        List<WebElement> rows = browser.find(By.id(tableId)).findElements(By.tagName("tr"));
        return rows.stream().map(WebElement::getText).filter(t -> t.contains(rowText)).findFirst()
                .orElseThrow(() -> new AssertionError("no row of #" + tableId + " shows " + rowText + ": "
                        + rows.stream().map(WebElement::getText).toList()));
    }

    private static String xidOfPaid(JsonNode order) {
        for (JsonNode row : order.path("timeline")) {
            if (row.path("to").asText().equals("PAID")) {
                assertThat(row.path("xid").asText()).as("the PAID row's XID").isNotBlank();
                return row.path("xid").asText();
            }
        }
        throw new AssertionError("no PAID row on the timeline: " + order);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.mysqlUrl + "/payment_db", cluster.mysqlUser,
                cluster.mysqlPassword);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
