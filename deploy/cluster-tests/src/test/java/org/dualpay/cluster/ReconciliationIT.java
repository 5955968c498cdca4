package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The reconciliation report finds what is wrong: each violation below is written straight into the
 * databases (as a bug or a hand edit would), must be reported under its rule naming its subject,
 * and is then removed again.
 */
class ReconciliationIT {

    private final Cluster cluster = new Cluster();

    @Test
    void should_report_each_broken_rule_with_what_it_concerns() throws Exception {
        // given a paid order, then the books broken three ways
        cluster.setStock("SKU-HEADSET", 100);
        String paid = cluster.createOrder("reconcile", "SKU-HEADSET", 1).path("orderNo").asText();
        cluster.pay("WECHAT", cluster.startPayment(paid, "WECHAT").path("outTradeNo").asText());
        cluster.awaitPaid(paid, "SKU-HEADSET", 99);
        String unpaid = cluster.createOrder("reconcile", "SKU-HEADSET", 1).path("orderNo").asText();
        String kept = cluster.startPayment(unpaid, "ALIPAY").path("outTradeNo").asText();
        List<String> breakIt = List.of(
                // stock deducted twice for the paid order
                "INSERT INTO inventory_db.stock_movement (sku_code, kind, order_no, delta) VALUES "
                        + "('SKU-HEADSET', 'DEDUCT-AGAIN', '" + paid + "', -1)",
                "UPDATE inventory_db.sku SET stock = stock - 2 WHERE sku_code = 'SKU-HEADSET'",
                // money recorded for an unpaid order, neither applied nor refunded
                "UPDATE payment_db.payment_attempt SET status = 'SUCCESS', applied = 0 WHERE out_trade_no = '" + kept + "'");
        List<String> mendIt = List.of(
                "DELETE FROM inventory_db.stock_movement WHERE kind = 'DEDUCT-AGAIN' AND order_no = '" + paid + "'",
                "UPDATE inventory_db.sku SET stock = stock + 2 WHERE sku_code = 'SKU-HEADSET'",
                "UPDATE payment_db.payment_attempt SET status = 'CREATED' WHERE out_trade_no = '" + kept + "'");
        try {
            execute(breakIt);

            // when
            JsonNode report = cluster.get(cluster.paymentUrl + "/api/admin/reconciliation").json();

            // then
            assertThat(report.path("ok").asBoolean()).isFalse();
            assertThat(violations(report, "STOCK_LEDGER_BALANCES")).contains("sku SKU-HEADSET");
            assertThat(violations(report, "UNAPPLIED_MONEY_REFUNDED")).contains("attempt " + kept);
            assertThat(report.path("totals").path("orders").path("PAID").asLong()).isPositive();
        } finally {
            execute(mendIt);
        }
        JsonNode mended = cluster.get(cluster.paymentUrl + "/api/admin/reconciliation").json();
        assertThat(violations(mended, "STOCK_LEDGER_BALANCES")).doesNotContain("sku SKU-HEADSET");
        assertThat(violations(mended, "UNAPPLIED_MONEY_REFUNDED")).doesNotContain("attempt " + kept);
    }

    private static List<String> violations(JsonNode report, String rule) {
        return java.util.stream.StreamSupport.stream(report.path("violations").spliterator(), false)
                .filter(v -> v.path("rule").asText().equals(rule)).map(v -> v.path("subject").asText()).toList();
    }

    private void execute(List<String> statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.mysqlUrl + "/inventory_db", cluster.mysqlUser,
                cluster.mysqlPassword);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }
}
