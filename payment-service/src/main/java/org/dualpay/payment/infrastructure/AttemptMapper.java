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

    /** Open attempts created before {@code before}, oldest first: candidates for the active query. */
    @Select("SELECT " + COLUMNS + " FROM payment_attempt WHERE status = 'CREATED' AND created_at <= #{before} "
            + "ORDER BY created_at LIMIT #{limit}")
    List<AttemptRow> openSince(@Param("before") Instant before, @Param("limit") int limit);

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
