package org.dualpay.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenarios' own check across the three databases, read directly, the way a finance team would
 * sign off a set of orders once the cluster is quiet:
 * <ul>
 *   <li>a PAID order has exactly one applied successful attempt, of the order's amount, the payment
 *       row PAID by it, and exactly one stock deduction of its lines; no restore;
 *   <li>a CANCELLED or CLOSED order has no deduction (or it was restored) and no applied attempt;
 *   <li>every successful attempt that is not applied has exactly one refund, in SUCCESS;
 *   <li>no attempt has more than one refund, and no refund exceeds its attempt.
 * </ul>
 */
final class Books {

    private final Cluster cluster;

    Books(Cluster cluster) {
        this.cluster = cluster;
    }

    /** The violations found for these orders; empty when the books balance. */
    List<String> violations(List<String> orderNos) {
        List<String> violations = new ArrayList<>();
        for (String orderNo : orderNos) {
            Map<String, Object> order = one("order_db", "SELECT status, total_amount FROM orders WHERE order_no = ?", orderNo);
            String status = (String) order.get("status");
            long total = ((Number) order.get("total_amount")).longValue();
            List<Map<String, Object>> attempts = rows("payment_db",
                    "SELECT out_trade_no, status, applied, amount FROM payment_attempt WHERE order_no = ?", orderNo);
            List<Map<String, Object>> refunds = rows("payment_db",
                    "SELECT out_trade_no, status, amount FROM refund WHERE order_no = ? AND status <> 'CANCELLED'", orderNo);
            long deductions = cluster.count("inventory_db",
                    "SELECT COUNT(DISTINCT sku_code) FROM stock_movement WHERE order_no = ? AND kind = 'DEDUCT'", orderNo);
            long items = cluster.count("order_db", "SELECT COUNT(*) FROM order_item WHERE order_no = ?", orderNo);
            long restores = cluster.count("inventory_db",
                    "SELECT COUNT(*) FROM stock_movement WHERE order_no = ? AND kind = 'RESTORE'", orderNo);
            long applied = attempts.stream().filter(a -> truthy(a.get("applied"))).count();

            if (status.equals("PAID")) {
                if (applied != 1) {
                    violations.add(orderNo + ": PAID with " + applied + " applied attempts");
                }
                attempts.stream().filter(a -> truthy(a.get("applied")))
                        .filter(a -> ((Number) a.get("amount")).longValue() != total)
                        .forEach(a -> violations.add(orderNo + ": applied attempt of another amount"));
                if (deductions != items || restores != 0) {
                    violations.add(orderNo + ": PAID with " + deductions + " of " + items + " lines deducted, "
                            + restores + " restored");
                }
                long paymentPaid = cluster.count("payment_db",
                        "SELECT COUNT(*) FROM payment WHERE order_no = ? AND status = 'PAID'", orderNo);
                if (paymentPaid != 1) {
                    violations.add(orderNo + ": PAID order whose payment is not PAID");
                }
            } else if (status.equals("CANCELLED") || status.equals("CLOSED")) {
                if (applied != 0) {
                    violations.add(orderNo + ": " + status + " with an applied attempt");
                }
                if (deductions != restores) {
                    violations.add(orderNo + ": " + status + " with stock deducted");
                }
            }
            for (Map<String, Object> attempt : attempts) {
                String outTradeNo = (String) attempt.get("out_trade_no");
                List<Map<String, Object>> ofAttempt = refunds.stream()
                        .filter(r -> r.get("out_trade_no").equals(outTradeNo)).toList();
                boolean unappliedMoney = "SUCCESS".equals(attempt.get("status")) && !truthy(attempt.get("applied"));
                if (unappliedMoney && (ofAttempt.size() != 1 || !"SUCCESS".equals(ofAttempt.get(0).get("status")))) {
                    violations.add(orderNo + ": money of " + outTradeNo + " kept, refunds " + ofAttempt);
                }
                if (!unappliedMoney && !status.startsWith("REFUND") && !ofAttempt.isEmpty()) {
                    violations.add(orderNo + ": " + outTradeNo + " refunded although it paid the order or no money came");
                }
                ofAttempt.stream().filter(r -> ((Number) r.get("amount")).longValue()
                        > ((Number) attempt.get("amount")).longValue())
                        .forEach(r -> violations.add(orderNo + ": refund above the attempt's amount"));
            }
        }
        return violations;
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }

    private Map<String, Object> one(String database, String sql, Object... args) {
        List<Map<String, Object>> rows = rows(database, sql, args);
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " rows for " + sql + " " + List.of(args));
        }
        return rows.get(0);
    }

    private List<Map<String, Object>> rows(String database, String sql, Object... args) {
        return cluster.rows(database, sql, args);
    }
}
