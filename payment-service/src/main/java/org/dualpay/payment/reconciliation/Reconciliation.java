package org.dualpay.payment.reconciliation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks, across order_db, payment_db, inventory_db and the TC's store, that money and stock are
 * right: the finance team's sign-off as a report. Each broken rule is a violation naming the order,
 * attempt or SKU it concerns. It reads the four schemas of the one server through a small read-only
 * pool of its own (not a Spring bean: Seata must not proxy it, and nothing else may use it).
 *
 * <p>Rules: {@code PAID_ORDER_HAS_ONE_PAYMENT}, {@code UNAPPLIED_MONEY_REFUNDED},
 * {@code LATE_MONEY_REFUNDED}, {@code STOCK_LEDGER_BALANCES}, {@code STOCK_NOT_NEGATIVE},
 * {@code PAID_ORDER_DEDUCTED_ONCE}, {@code UNPAID_ORDER_NOT_DEDUCTED}, {@code NO_STALE_PENDING_ORDER},
 * {@code ANOMALY_MONEY_REFUNDED} (money a channel reported that disagrees with its attempt),
 * {@code NO_STUCK_REFUND} and {@code REFUND_PARKED_MANUAL} (with the money each holds),
 * {@code REFUNDING_ORDER_HAS_REFUND}, {@code NO_LEFTOVER_UNDO_LOG} (of a transaction the TC still
 * holds), {@code NO_LEFTOVER_GLOBAL_SESSION}.
 */
@Component
public class Reconciliation {

    /**
     * @param jdbcUrl the server holding the four schemas (no schema in the URL)
     * @param stalePending how long past its expiry an unpaid order may stay open
     * @param stuckRefund how long a refund may stay unfinished (outside MANUAL)
     * @param leftoverAge how old an undo_log row or a TC session may be in a quiet cluster
     */
    @ConfigurationProperties("dualpay.reconciliation")
    public record Settings(String jdbcUrl, String username, String password, @DefaultValue("60s") Duration stalePending,
            @DefaultValue("5m") Duration stuckRefund, @DefaultValue("3m") Duration leftoverAge) {
    }

    public record Violation(String rule, String subject, String detail) {
    }

    public record Report(boolean ok, Instant checkedAt, List<Violation> violations, Map<String, Object> totals) {
    }

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final HikariDataSource db;
    private final Settings settings;
    private final Clock clock;
    private final AtomicInteger lastViolations = new AtomicInteger(-1);

    public Reconciliation(Settings settings, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(2);
        config.setReadOnly(true);
        config.setPoolName("reconciliation");
        config.setInitializationFailTimeout(-1);
        this.db = new HikariDataSource(config);
        Gauge.builder("dualpay.reconciliation.violations", lastViolations, AtomicInteger::get).register(meters);
    }

    /** The scheduled check: exported as a gauge, every violation logged. */
    @Scheduled(fixedDelayString = "${dualpay.reconciliation.interval:PT1M}",
            initialDelayString = "${dualpay.reconciliation.interval:PT1M}")
    public void scheduled() {
        Report report = check();
        report.violations().forEach(v -> log.error("reconciliation violation {} {}: {}", v.rule(), v.subject(), v.detail()));
        log.info("reconciliation: {} violation(s), totals {}", report.violations().size(), report.totals());
    }

    public Report check() {
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> totals = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            paidOrders(c, violations);
            unappliedMoney(c, violations);
            stock(c, violations);
            deductions(c, violations);
            staleness(c, now, violations);
            leftovers(c, now, violations);
            totals(c, totals);
        } catch (SQLException e) {
            throw new IllegalStateException("reconciliation could not read the databases: " + e.getMessage(), e);
        }
        lastViolations.set(violations.size());
        return new Report(violations.isEmpty(), now, violations, totals);
    }

    private void paidOrders(Connection c, List<Violation> out) throws SQLException {
        for (Map<String, Object> row : rows(c, """
                SELECT o.order_no, o.status, o.total_amount,
                       (SELECT COUNT(*) FROM payment_db.payment_attempt a
                         WHERE a.order_no = o.order_no AND a.status = 'SUCCESS' AND a.applied = 1) AS applied,
                       (SELECT COUNT(*) FROM payment_db.payment_attempt a
                         WHERE a.order_no = o.order_no AND a.status = 'SUCCESS' AND a.applied = 1
                           AND a.amount = o.total_amount) AS same_amount,
                       (SELECT COUNT(*) FROM payment_db.payment p WHERE p.order_no = o.order_no AND p.status = 'PAID') AS paid
                  FROM order_db.orders o WHERE o.status IN ('PAID', 'REFUNDING', 'REFUNDED')""")) {
            long applied = num(row, "applied");
            if (applied != 1 || num(row, "same_amount") != 1 || num(row, "paid") != 1) {
                out.add(new Violation("PAID_ORDER_HAS_ONE_PAYMENT", "order " + row.get("order_no"),
                        row.get("status") + " with " + applied + " applied successful attempt(s), "
                                + num(row, "same_amount") + " of its amount, payment PAID: " + (num(row, "paid") == 1)));
            }
        }
        for (Map<String, Object> row : rows(c, """
                SELECT a.out_trade_no, a.order_no, o.status FROM payment_db.payment_attempt a
                  JOIN order_db.orders o ON o.order_no = a.order_no
                 WHERE a.status = 'SUCCESS' AND a.applied = 1 AND o.status NOT IN ('PAID', 'REFUNDING', 'REFUNDED')""")) {
            out.add(new Violation("PAID_ORDER_HAS_ONE_PAYMENT", "attempt " + row.get("out_trade_no"),
                    "applied to order " + row.get("order_no") + " which is " + row.get("status")));
        }
    }

    private void unappliedMoney(Connection c, List<Violation> out) throws SQLException {
        for (Map<String, Object> row : rows(c, """
                SELECT a.out_trade_no, a.order_no, a.amount, o.status AS order_status,
                       (SELECT COUNT(*) FROM payment_db.refund r
                         WHERE r.payment_key = a.out_trade_no AND r.status <> 'CANCELLED') AS refunds
                  FROM payment_db.payment_attempt a JOIN order_db.orders o ON o.order_no = a.order_no
                 WHERE a.status = 'SUCCESS' AND a.applied = 0""")) {
            if (num(row, "refunds") == 0) {
                String status = (String) row.get("order_status");
                boolean late = status.equals("CANCELLED") || status.equals("CLOSED");
                out.add(new Violation(late ? "LATE_MONEY_REFUNDED" : "UNAPPLIED_MONEY_REFUNDED",
                        "attempt " + row.get("out_trade_no"), num(row, "amount") + " fen received for order "
                                + row.get("order_no") + " (" + status + ") and neither applied nor refunded"));
            }
        }
        for (Map<String, Object> row : rows(c, """
                SELECT r.refund_no, r.amount, a.amount AS paid FROM payment_db.refund r
                  JOIN payment_db.payment_attempt a ON a.out_trade_no = r.out_trade_no
                 WHERE r.status <> 'CANCELLED' AND r.payment_key = r.out_trade_no
                   AND (r.amount > a.amount OR a.status <> 'SUCCESS')""")) {
            out.add(new Violation("UNAPPLIED_MONEY_REFUNDED", "refund " + row.get("refund_no"),
                    "refunds " + num(row, "amount") + " fen of an attempt that brought " + num(row, "paid")));
        }
        // Anomalies: money a channel reported, signed, that disagrees with its attempt; never applied,
        // refunded in full (the amount the channel says it received), never more.
        for (Map<String, Object> row : rows(c, """
                SELECT i.channel, i.channel_trade_no, i.out_trade_no, i.amount, a.order_no,
                       (SELECT COUNT(*) FROM payment_db.refund r
                         WHERE r.payment_key = CONCAT('ANOMALY:', i.channel, ':', i.channel_trade_no)
                           AND r.status <> 'CANCELLED' AND r.amount = i.amount) AS refunds
                  FROM payment_db.notify_inbox i JOIN payment_db.payment_attempt a ON a.out_trade_no = i.out_trade_no
                 WHERE i.anomaly IS NOT NULL AND i.status = 'PROCESSED'""")) {
            if (num(row, "refunds") != 1) {
                out.add(new Violation("ANOMALY_MONEY_REFUNDED", "attempt " + row.get("out_trade_no"),
                        num(row, "amount") + " fen reported by " + row.get("channel") + " as "
                                + row.get("channel_trade_no") + " for order " + row.get("order_no")
                                + " (an anomaly) and not refunded in full"));
            }
        }
        for (Map<String, Object> row : rows(c, """
                SELECT r.refund_no, r.amount, r.payment_key FROM payment_db.refund r
                 WHERE r.status <> 'CANCELLED' AND r.payment_key <> r.out_trade_no AND NOT EXISTS (
                       SELECT 1 FROM payment_db.notify_inbox i WHERE i.anomaly IS NOT NULL
                          AND CONCAT('ANOMALY:', i.channel, ':', i.channel_trade_no) = r.payment_key
                          AND i.amount >= r.amount)""")) {
            out.add(new Violation("ANOMALY_MONEY_REFUNDED", "refund " + row.get("refund_no"),
                    "refunds " + num(row, "amount") + " fen of " + row.get("payment_key")
                            + ", more than any anomaly the channel reported"));
        }
    }

    private void stock(Connection c, List<Violation> out) throws SQLException {
        for (Map<String, Object> row : rows(c, """
                SELECT s.sku_code, s.stock, COALESCE(SUM(m.delta), 0) AS ledger
                  FROM inventory_db.sku s LEFT JOIN inventory_db.stock_movement m ON m.sku_code = s.sku_code
                 GROUP BY s.sku_code, s.stock""")) {
            if (num(row, "stock") != num(row, "ledger")) {
                out.add(new Violation("STOCK_LEDGER_BALANCES", "sku " + row.get("sku_code"),
                        "stock " + num(row, "stock") + " but its movements add up to " + num(row, "ledger")));
            }
            if (num(row, "stock") < 0) {
                out.add(new Violation("STOCK_NOT_NEGATIVE", "sku " + row.get("sku_code"), "stock " + num(row, "stock")));
            }
        }
    }

    private void deductions(Connection c, List<Violation> out) throws SQLException {
        for (Map<String, Object> row : rows(c, """
                SELECT o.order_no, o.status,
                       (SELECT COUNT(*) FROM order_db.order_item i WHERE i.order_no = o.order_no) AS items,
                       (SELECT COUNT(*) FROM inventory_db.stock_movement m
                         WHERE m.order_no = o.order_no AND m.kind = 'DEDUCT') AS deducted,
                       (SELECT COALESCE(-SUM(m.delta), 0) FROM inventory_db.stock_movement m
                         WHERE m.order_no = o.order_no AND m.kind = 'DEDUCT') AS deducted_units,
                       (SELECT COALESCE(SUM(i.quantity), 0) FROM order_db.order_item i WHERE i.order_no = o.order_no) AS units,
                       (SELECT COUNT(*) FROM inventory_db.stock_movement m
                         WHERE m.order_no = o.order_no AND m.kind = 'RESTORE') AS restored
                  FROM order_db.orders o""")) {
            String status = (String) row.get("status");
            long deducted = num(row, "deducted");
            long restored = num(row, "restored");
            boolean paid = status.equals("PAID") || status.equals("REFUNDING");
            if (paid && (deducted != num(row, "items") || num(row, "deducted_units") != num(row, "units") || restored != 0)) {
                out.add(new Violation("PAID_ORDER_DEDUCTED_ONCE", "order " + row.get("order_no"), status + " with "
                        + num(row, "deducted_units") + " of " + num(row, "units") + " unit(s) deducted, " + restored
                        + " restore(s)"));
            }
            if (!paid && !status.equals("REFUNDED") && deducted != restored) {
                out.add(new Violation("UNPAID_ORDER_NOT_DEDUCTED", "order " + row.get("order_no"),
                        status + " with " + deducted + " deduction(s) and " + restored + " restore(s)"));
            }
            if (status.equals("REFUNDED") && deducted != restored) {
                out.add(new Violation("PAID_ORDER_DEDUCTED_ONCE", "order " + row.get("order_no"),
                        "REFUNDED with " + deducted + " deduction(s) and " + restored + " restore(s)"));
            }
        }
    }

    private void staleness(Connection c, Instant now, List<Violation> out) throws SQLException {
        // An expired order whose payment is stored and not processed yet (acknowledged in time, held up by
        // an outage) waits for it: not stale.
        for (Map<String, Object> row : rows(c, """
                SELECT o.order_no, o.expire_at FROM order_db.orders o
                 WHERE o.status = 'PENDING_PAYMENT' AND o.expire_at < ? AND NOT EXISTS (
                       SELECT 1 FROM payment_db.notify_inbox i JOIN payment_db.payment_attempt a
                           ON a.out_trade_no = i.out_trade_no
                        WHERE a.order_no = o.order_no AND i.status = 'RECEIVED' AND i.anomaly IS NULL)""",
                now.minus(settings.stalePending()))) {
            out.add(new Violation("NO_STALE_PENDING_ORDER", "order " + row.get("order_no"),
                    "still PENDING_PAYMENT, expired at " + row.get("expire_at") + ", no payment on its way"));
        }
        for (Map<String, Object> row : rows(c, "SELECT refund_no, order_no, status, amount, channel, created_at, "
                + "attempts, last_error FROM payment_db.refund WHERE status IN ('TRYING', 'PENDING', 'PROCESSING') "
                + "AND created_at < ?", now.minus(settings.stuckRefund()))) {
            out.add(new Violation("NO_STUCK_REFUND", "refund " + row.get("refund_no"),
                    num(row, "amount") + " fen of order " + row.get("order_no") + " on " + row.get("channel")
                            + " still " + row.get("status") + " since " + row.get("created_at") + " after "
                            + num(row, "attempts") + " failure(s); last error: " + row.get("last_error")));
        }
        for (Map<String, Object> row : rows(c, "SELECT refund_no, order_no, amount, channel, reason, attempts, "
                + "last_error, updated_at FROM payment_db.refund WHERE status = 'MANUAL'")) {
            out.add(new Violation("REFUND_PARKED_MANUAL", "refund " + row.get("refund_no"),
                    num(row, "amount") + " fen of order " + row.get("order_no") + " on " + row.get("channel") + " ("
                            + row.get("reason") + ") parked for support at " + row.get("updated_at") + " after "
                            + num(row, "attempts") + " failure(s); last error: " + row.get("last_error")
                            + " (POST /api/admin/refunds/" + row.get("refund_no") + "/retry)"));
        }
        // A shopper's refund: the order leaves REFUNDING only as REFUNDED, and while REFUNDING its refund
        // is on its way (or parked MANUAL, reported above). The grace covers AT's global read-uncommitted:
        // the order branch of the refund's transaction commits locally before the refund row is written.
        for (Map<String, Object> row : rows(c, """
                SELECT o.order_no, o.total_amount, o.updated_at,
                       (SELECT GROUP_CONCAT(CONCAT(r.refund_no, ' ', r.status)) FROM payment_db.refund r
                         WHERE r.order_no = o.order_no AND r.reason = 'USER_REQUEST') AS refunds
                  FROM order_db.orders o
                 WHERE o.status = 'REFUNDING' AND o.updated_at < ? AND NOT EXISTS (
                       SELECT 1 FROM payment_db.refund r WHERE r.order_no = o.order_no AND r.reason = 'USER_REQUEST'
                          AND r.status IN ('TRYING', 'PENDING', 'PROCESSING', 'MANUAL'))""",
                now.minus(Duration.ofSeconds(30)))) {
            out.add(new Violation("REFUNDING_ORDER_HAS_REFUND", "order " + row.get("order_no"),
                    "REFUNDING since " + row.get("updated_at") + " (" + num(row, "total_amount")
                            + " fen) with no refund on its way; its refunds: " + row.get("refunds")));
        }
    }

    /**
     * Undo logs of a transaction the TC still holds are work under way, a violation once old. Undo
     * logs whose transaction the TC no longer knows are orphans: AT deletes a committed branch's undo
     * log asynchronously, so a participant killed right after the commit leaves its rows behind
     * (Seata's own undo-log deletion removes them after its log-save-days). They are counted, not
     * violations: a rolled-back branch's undo log is applied and deleted before the TC lets go.
     */
    private void leftovers(Connection c, Instant now, List<Violation> out) throws SQLException {
        Instant before = now.minus(settings.leftoverAge());
        for (String schema : List.of("order_db", "payment_db", "inventory_db")) {
            for (Map<String, Object> row : rows(c, "SELECT u.xid, COUNT(*) AS n FROM " + schema + ".undo_log u "
                    + "JOIN seata.global_table g ON g.xid = u.xid WHERE u.log_created < ? GROUP BY u.xid", before)) {
                out.add(new Violation("NO_LEFTOVER_UNDO_LOG", schema + " xid " + row.get("xid"),
                        num(row, "n") + " undo_log row(s) of a global transaction still unfinished"));
            }
        }
        for (Map<String, Object> row : rows(c, "SELECT xid, status, transaction_name FROM seata.global_table "
                + "WHERE gmt_modified < ?", before)) {
            out.add(new Violation("NO_LEFTOVER_GLOBAL_SESSION", "xid " + row.get("xid"),
                    row.get("transaction_name") + " still in the TC with status " + row.get("status")));
        }
    }

    private void totals(Connection c, Map<String, Object> totals) throws SQLException {
        Map<String, Object> orders = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(c, "SELECT status, COUNT(*) AS n FROM order_db.orders GROUP BY status")) {
            orders.put((String) row.get("status"), num(row, "n"));
        }
        totals.put("orders", orders);
        Map<String, Object> refunds = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(c, "SELECT status, COUNT(*) AS n FROM payment_db.refund GROUP BY status")) {
            refunds.put((String) row.get("status"), num(row, "n"));
        }
        totals.put("refunds", refunds);
        Map<String, Object> money = rows(c, """
                SELECT COALESCE(SUM(CASE WHEN applied = 1 THEN amount END), 0) AS applied,
                       COALESCE(SUM(CASE WHEN applied = 0 THEN amount END), 0) AS unapplied
                  FROM payment_db.payment_attempt WHERE status = 'SUCCESS'""").get(0);
        totals.put("receivedFen", Map.of("applied", num(money, "applied"), "unapplied", num(money, "unapplied")));
        totals.put("anomalyFen", num(rows(c, "SELECT COALESCE(SUM(amount), 0) AS n FROM payment_db.notify_inbox "
                + "WHERE anomaly IS NOT NULL AND status = 'PROCESSED'").get(0), "n"));
        totals.put("parkedManualFen", num(rows(c, "SELECT COALESCE(SUM(amount), 0) AS n FROM payment_db.refund "
                + "WHERE status = 'MANUAL'").get(0), "n"));
        totals.put("refundedFen", num(rows(c, "SELECT COALESCE(SUM(amount), 0) AS n FROM payment_db.refund "
                + "WHERE status = 'SUCCESS'").get(0), "n"));
        // work still under way: zero in a quiet cluster
        totals.put("inboxPending", num(rows(c, "SELECT COUNT(*) AS n FROM payment_db.notify_inbox "
                + "WHERE status = 'RECEIVED'").get(0), "n"));
        totals.put("refundsInFlight", num(rows(c, "SELECT COUNT(*) AS n FROM payment_db.refund "
                + "WHERE status IN ('TRYING', 'PENDING', 'PROCESSING')").get(0), "n"));
        long open = 0;
        long orphans = 0;
        for (String schema : List.of("order_db", "payment_db", "inventory_db")) {
            Map<String, Object> undo = rows(c, "SELECT COUNT(g.xid) AS open, COUNT(*) - COUNT(g.xid) AS orphans FROM "
                    + schema + ".undo_log u LEFT JOIN seata.global_table g ON g.xid = u.xid").get(0);
            open += num(undo, "open");
            orphans += num(undo, "orphans");
        }
        totals.put("undoLogRows", open);
        totals.put("orphanUndoLogRows", orphans);
    }

    private static long num(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i] instanceof Instant instant ? java.sql.Timestamp.from(instant) : args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @PreDestroy
    void close() {
        db.close();
    }
}
