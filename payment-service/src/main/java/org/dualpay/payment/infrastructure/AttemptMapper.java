package org.dualpay.payment.infrastructure;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface AttemptMapper {

    String COLUMNS = "out_trade_no, pay_no, order_no, channel, amount, status, applied, channel_trade_no, pay_url, "
            + "expire_at, success_at, created_at, updated_at";

    @Select("SELECT " + COLUMNS + " FROM payment_attempt WHERE out_trade_no = #{outTradeNo}")
    AttemptRow find(String outTradeNo);

    /** Locking read; under AT it also waits for the row's global lock. */
    @Select("SELECT " + COLUMNS + " FROM payment_attempt WHERE out_trade_no = #{outTradeNo} FOR UPDATE")
    AttemptRow lock(String outTradeNo);

    @Select("SELECT " + COLUMNS + " FROM payment_attempt WHERE order_no = #{orderNo} ORDER BY created_at, out_trade_no")
    List<AttemptRow> findByOrder(String orderNo);

    /**
     * Open attempts whose next query is due, the most overdue first: each query pushes its attempt's
     * next one further out, so stuck attempts never starve newer ones.
     */
    @Select("SELECT a.out_trade_no, a.pay_no, a.order_no, a.channel, a.amount, a.status, a.applied, a.channel_trade_no, "
            + "a.pay_url, a.expire_at, a.success_at, a.created_at, a.updated_at FROM attempt_query q "
            + "JOIN payment_attempt a ON a.out_trade_no = q.out_trade_no "
            + "WHERE a.status = 'CREATED' AND q.next_query_at <= #{now} ORDER BY q.next_query_at LIMIT #{limit}")
    List<AttemptRow> dueForQuery(@Param("now") Instant now, @Param("limit") int limit);

    /** The first query of a new attempt (attempt_query is written by no global transaction). */
    @Insert("INSERT IGNORE INTO attempt_query (out_trade_no, next_query_at, queries) VALUES (#{outTradeNo}, #{at}, 0)")
    int scheduleQuery(@Param("outTradeNo") String outTradeNo, @Param("at") Instant at);

    /** Claims the due query of one attempt and sets the next; 1 means this instance asks now. */
    @Update("UPDATE attempt_query SET next_query_at = #{next}, queries = queries + 1 "
            + "WHERE out_trade_no = #{outTradeNo} AND next_query_at <= #{now}")
    int claimQuery(@Param("outTradeNo") String outTradeNo, @Param("now") Instant now, @Param("next") Instant next);

    @Select("SELECT queries FROM attempt_query WHERE out_trade_no = #{outTradeNo}")
    Integer queries(String outTradeNo);

    /** Query schedules of attempts no longer open. */
    @Update("DELETE q FROM attempt_query q JOIN payment_attempt a ON a.out_trade_no = q.out_trade_no "
            + "WHERE a.status <> 'CREATED'")
    int forgetSettledQueries();

    @Insert("INSERT INTO payment_attempt (" + COLUMNS + ") VALUES (#{outTradeNo}, #{payNo}, #{orderNo}, #{channel}, "
            + "#{amount}, #{status}, 0, NULL, NULL, #{expireAt}, NULL, #{createdAt}, #{updatedAt})")
    int insert(AttemptRow row);

    @Update("UPDATE payment_attempt SET pay_url = #{payUrl}, updated_at = #{now} "
            + "WHERE out_trade_no = #{outTradeNo} AND status = 'CREATED'")
    int setPayUrl(@Param("outTradeNo") String outTradeNo, @Param("payUrl") String payUrl, @Param("now") Instant now);

    @Update("UPDATE payment_attempt SET status = 'FAILED', updated_at = #{now} "
            + "WHERE out_trade_no = #{outTradeNo} AND status = 'CREATED'")
    int markFailed(@Param("outTradeNo") String outTradeNo, @Param("now") Instant now);

    @Update("UPDATE payment_attempt SET status = 'CLOSED', updated_at = #{now} "
            + "WHERE out_trade_no = #{outTradeNo} AND status = 'CREATED'")
    int markClosed(@Param("outTradeNo") String outTradeNo, @Param("now") Instant now);

    /**
     * CREATED (or CLOSED or FAILED: money arrived all the same) -> SUCCESS with the channel's trade
     * number; {@code applied} says whether it paid the order.
     */
    @Update("UPDATE payment_attempt SET status = 'SUCCESS', applied = #{applied}, channel_trade_no = #{channelTradeNo}, "
            + "success_at = #{successAt}, updated_at = #{now} WHERE out_trade_no = #{outTradeNo} AND status IN ('CREATED', 'CLOSED', 'FAILED')")
    int markSuccess(@Param("outTradeNo") String outTradeNo, @Param("channelTradeNo") String channelTradeNo,
            @Param("applied") boolean applied, @Param("successAt") Instant successAt, @Param("now") Instant now);
}
