package org.dualpay.payment.refund;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.dualpay.payment.domain.Refund;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.domain.RefundStatus;

/** Refund rows. Every status change is conditional on the status it expects. */
@Mapper
public interface RefundMapper {

    String COLUMNS = "refund_no, out_trade_no, payment_key, order_no, user_id, channel, amount, reason, status, "
            + "attempts, failing_since, next_attempt_at, last_error, xid, created_at, updated_at, finished_at";

    @Select("SELECT " + COLUMNS + " FROM refund WHERE refund_no = #{refundNo}")
    RefundRow find(String refundNo);

    @Select("SELECT " + COLUMNS + " FROM refund WHERE payment_key = #{paymentKey}")
    RefundRow findByPayment(String paymentKey);

    /** The refund of one received payment (see {@link RefundRow#paymentKey}), locked. */
    @Select("SELECT " + COLUMNS + " FROM refund WHERE payment_key = #{paymentKey} FOR UPDATE")
    RefundRow lockByPayment(String paymentKey);

    @Select("SELECT " + COLUMNS + " FROM refund WHERE order_no = #{orderNo} ORDER BY created_at, refund_no")
    List<RefundRow> findByOrder(String orderNo);

    /** How many refunds are in each status, and their money (statuses with none are absent). */
    @Select("SELECT status, COUNT(*) AS refunds, COALESCE(SUM(amount), 0) AS amount FROM refund GROUP BY status")
    List<java.util.Map<String, Object>> totalsByStatus();

    @Select("<script>SELECT " + COLUMNS + " FROM refund <if test='status != null'>WHERE status = #{status}</if> "
            + "ORDER BY created_at DESC, refund_no DESC LIMIT #{limit}</script>")
    List<RefundRow> list(@Param("status") RefundStatus status, @Param("limit") int limit);

    @Insert("INSERT INTO refund (" + COLUMNS + ") VALUES (#{refundNo}, #{outTradeNo}, #{paymentKey}, #{orderNo}, "
            + "#{userId}, #{channel}, #{amount}, #{reason}, #{status}, 0, NULL, #{nextAttemptAt}, NULL, #{xid}, #{createdAt}, "
            + "#{updatedAt}, NULL)")
    int insert(RefundRow row);

    /** A refund cancelled by an earlier rolled-back story is tried again by a new one. */
    @Update("UPDATE refund SET status = 'TRYING', reason = #{reason}, xid = #{xid}, attempts = 0, failing_since = NULL, "
            + "last_error = NULL, updated_at = #{now} WHERE refund_no = #{refundNo} AND status = 'CANCELLED'")
    int revive(@Param("refundNo") String refundNo, @Param("reason") RefundReason reason, @Param("xid") String xid,
            @Param("now") Instant now);

    @Update("UPDATE refund SET status = #{to}, next_attempt_at = #{next}, updated_at = #{now} "
            + "WHERE refund_no = #{refundNo} AND status = #{from}")
    int move(@Param("refundNo") String refundNo, @Param("from") RefundStatus from, @Param("to") RefundStatus to,
            @Param("next") Instant next, @Param("now") Instant now);

    /** Due refunds, claimed for a lease: another instance skips rows locked by this claim. */
    @Select("SELECT refund_no FROM refund WHERE status IN ('PENDING', 'PROCESSING') AND next_attempt_at <= #{now} "
            + "ORDER BY next_attempt_at LIMIT #{limit} FOR UPDATE SKIP LOCKED")
    List<String> due(@Param("now") Instant now, @Param("limit") int limit);

    @Update("<script>UPDATE refund SET next_attempt_at = #{leaseUntil} WHERE refund_no IN "
            + "<foreach item='no' collection='refundNos' open='(' separator=',' close=')'>#{no}</foreach></script>")
    int lease(@Param("refundNos") List<String> refundNos, @Param("leaseUntil") Instant leaseUntil);

    /** One more failure in a row: counted, and the run of failures dated from its first. */
    @Update("UPDATE refund SET attempts = attempts + 1, failing_since = COALESCE(failing_since, #{now}), status = #{to}, "
            + "last_error = #{error}, next_attempt_at = #{next}, updated_at = #{now} "
            + "WHERE refund_no = #{refundNo} AND status = #{from}")
    int failed(@Param("refundNo") String refundNo, @Param("from") RefundStatus from, @Param("to") RefundStatus to,
            @Param("error") String error, @Param("next") Instant next, @Param("now") Instant now);

    @Update("UPDATE refund SET status = 'SUCCESS', finished_at = #{now}, updated_at = #{now} "
            + "WHERE refund_no = #{refundNo} AND status = 'PROCESSING'")
    int succeeded(@Param("refundNo") String refundNo, @Param("now") Instant now);

    @Update("UPDATE refund SET status = 'PENDING', attempts = 0, failing_since = NULL, last_error = NULL, next_attempt_at = #{now}, "
            + "updated_at = #{now} WHERE refund_no = #{refundNo} AND status = 'MANUAL'")
    int retryManual(@Param("refundNo") String refundNo, @Param("now") Instant now);
}
