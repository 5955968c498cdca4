package org.dualpay.payment.notify;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.ConfirmOutcome;

@Mapper
public interface InboxMapper {

    String COLUMNS = "id, channel, channel_trade_no, event, source, notify_id, out_trade_no, amount, anomaly, "
            + "trace_parent, paid_at, status, "
            + "outcome, attempts, next_attempt_at, last_error, received_at, processed_at";

    /** Stores the notice unless its (channel, trade, event) is there already; 0 rows means it was. */
    @Insert("INSERT IGNORE INTO notify_inbox (channel, channel_trade_no, event, source, notify_id, out_trade_no, amount, "
            + "anomaly, trace_parent, paid_at, status, attempts, next_attempt_at, received_at) VALUES (#{channel}, "
            + "#{channelTradeNo}, #{event}, #{source}, #{notifyId}, #{outTradeNo}, #{amount}, #{anomaly}, #{traceParent}, "
            + "#{paidAt}, 'RECEIVED', 0, #{nextAttemptAt}, #{receivedAt})")
    @Options(useGeneratedKeys = true, keyProperty = "id")
    int insert(InboxRow row);

    @Select("SELECT " + COLUMNS + " FROM notify_inbox WHERE channel = #{channel} AND channel_trade_no = #{tradeNo} "
            + "AND event = #{event}")
    InboxRow find(@Param("channel") Channel channel, @Param("tradeNo") String tradeNo, @Param("event") String event);

    @Select("SELECT " + COLUMNS + " FROM notify_inbox WHERE id = #{id}")
    InboxRow byId(long id);

    @Select("SELECT " + COLUMNS + " FROM notify_inbox WHERE out_trade_no = #{outTradeNo} ORDER BY id")
    List<InboxRow> byAttempt(String outTradeNo);

    /**
     * Claims a RECEIVED row whose time has come (it is not leased to another instance) for a lease;
     * 1 means this instance now works it, and no other until the lease ends.
     */
    @Update("UPDATE notify_inbox SET next_attempt_at = #{leaseUntil}, attempts = attempts + 1 "
            + "WHERE id = #{id} AND status = 'RECEIVED' AND next_attempt_at <= #{now}")
    int claim(@Param("id") long id, @Param("now") Instant now, @Param("leaseUntil") Instant leaseUntil);

    @Select("SELECT id FROM notify_inbox WHERE status = 'RECEIVED' AND next_attempt_at <= #{now} "
            + "ORDER BY next_attempt_at LIMIT #{limit}")
    List<Long> due(@Param("now") Instant now, @Param("limit") int limit);

    @Update("UPDATE notify_inbox SET status = 'PROCESSED', outcome = #{outcome}, last_error = NULL, processed_at = #{now} "
            + "WHERE id = #{id} AND status = 'RECEIVED'")
    int processed(@Param("id") long id, @Param("outcome") ConfirmOutcome outcome, @Param("now") Instant now);

    @Update("UPDATE notify_inbox SET next_attempt_at = #{next}, last_error = #{error} WHERE id = #{id} AND status = 'RECEIVED'")
    int failed(@Param("id") long id, @Param("error") String error, @Param("next") Instant next);

    /**
     * Payments of the order stored and not processed yet (anomalies aside: they never pay it): the
     * order is paid on time although its processing runs past its expiry.
     */
    @Select("SELECT COUNT(*) FROM notify_inbox i JOIN payment_attempt a ON a.out_trade_no = i.out_trade_no "
            + "WHERE a.order_no = #{orderNo} AND i.status = 'RECEIVED' AND i.anomaly IS NULL")
    int pendingForOrder(String orderNo);

    @Insert("INSERT IGNORE INTO notify_nonce (channel, nonce, fingerprint, seen_at) "
            + "VALUES (#{channel}, #{nonce}, #{fingerprint}, #{now})")
    int rememberNonce(@Param("channel") Channel channel, @Param("nonce") String nonce,
            @Param("fingerprint") String fingerprint, @Param("now") Instant now);

    @Select("SELECT fingerprint FROM notify_nonce WHERE channel = #{channel} AND nonce = #{nonce}")
    String nonceFingerprint(@Param("channel") Channel channel, @Param("nonce") String nonce);

    @Update("DELETE FROM notify_nonce WHERE seen_at < #{before}")
    int forgetNonces(@Param("before") Instant before);
}
