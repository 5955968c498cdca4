package org.dualpay.payment.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What payment_db knows of one order beyond its payment view, for the operator's console: every
 * notify the inbox stored for its attempts (with what it became), and each refund with its dispatch
 * state and the TCC phases the fence recorded for its global transaction. Read-only.
 */
@Service
public class PaymentStory {

    /** A notify (or an active query's answer) stored in the inbox. */
    public record Notify(String outTradeNo, String channel, String channelTradeNo, String event, String source,
            long amount, String anomaly, String status, String outcome, int attempts, String lastError,
            Instant receivedAt, Instant processedAt) {
    }

    /** One TCC branch of a refund, as the fence saw it: TRIED, COMMITTED, ROLLED_BACK or SUSPENDED. */
    public record TccPhase(String xid, long branchId, String action, String phase, Instant at) {
    }

    /** A refund with what its dispatcher did and the TCC phases of the transaction that froze it. */
    public record RefundStory(String refundNo, String outTradeNo, String channel, long amount, String reason,
            String status, String xid, int attempts, Instant failingSince, Instant nextAttemptAt, String lastError,
            Instant createdAt, Instant finishedAt, List<TccPhase> tccPhases) {
    }

    public record Story(String orderNo, List<Notify> notifies, List<RefundStory> refunds) {
    }

    private final JdbcTemplate jdbc;

    PaymentStory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Story of(String orderNo) {
        List<Notify> notifies = jdbc.query("""
                SELECT i.out_trade_no, i.channel, i.channel_trade_no, i.event, i.source, i.amount, i.anomaly, i.status,
                       i.outcome, i.attempts, i.last_error, i.received_at, i.processed_at
                  FROM notify_inbox i JOIN payment_attempt a ON a.out_trade_no = i.out_trade_no
                 WHERE a.order_no = ? ORDER BY i.received_at, i.id""",
                (rs, n) -> new Notify(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getInt(10), rs.getString(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13))),
                orderNo);
        List<RefundStory> refunds = new ArrayList<>();
        for (Map<String, Object> r : jdbc.queryForList("""
                SELECT refund_no, out_trade_no, channel, amount, reason, status, xid, attempts, failing_since,
                       next_attempt_at, last_error, created_at, finished_at
                  FROM refund WHERE order_no = ? ORDER BY created_at, refund_no""", orderNo)) {
            String xid = (String) r.get("xid");
            List<TccPhase> phases = xid == null ? List.of() : jdbc.query("""
                    SELECT xid, branch_id, action_name, status, gmt_modified FROM tcc_fence_log
                     WHERE xid = ? ORDER BY gmt_create, branch_id""",
                    (rs, n) -> new TccPhase(rs.getString(1), rs.getLong(2), rs.getString(3), phase(rs.getInt(4)),
                            instant(rs.getTimestamp(5))),
                    xid);
            refunds.add(new RefundStory((String) r.get("refund_no"), (String) r.get("out_trade_no"),
                    (String) r.get("channel"), ((Number) r.get("amount")).longValue(), (String) r.get("reason"),
                    (String) r.get("status"), xid, ((Number) r.get("attempts")).intValue(), instant(r.get("failing_since")),
                    instant(r.get("next_attempt_at")), (String) r.get("last_error"), instant(r.get("created_at")),
                    instant(r.get("finished_at")), phases));
        }
        return new Story(orderNo, notifies, refunds);
    }

    /** The fence's status codes (Seata's TCCFenceConstant). */
    static String phase(int status) {
        return switch (status) {
            case 1 -> "TRIED";
            case 2 -> "COMMITTED";
            case 3 -> "ROLLED_BACK";
            case 4 -> "SUSPENDED";
            default -> "STATUS_" + status;
        };
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return null;
    }
}
