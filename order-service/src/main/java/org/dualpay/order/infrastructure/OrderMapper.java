package org.dualpay.order.infrastructure;

import org.dualpay.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface OrderMapper {

    String COLUMNS = "order_no, user_id, status, total_amount, currency, expire_at, idempotency_key, request_hash, "
            + "paid_channel, paid_out_trade_no, paid_trade_no, paid_at, created_at, updated_at";

    @Select("SELECT " + COLUMNS + " FROM orders WHERE order_no = #{orderNo}")
    OrderRow find(String orderNo);

    /**
     * A locking read. Inside a global transaction Seata also waits for the global lock of the row, so
     * the status read here is never another global transaction's uncommitted PAID.
     */
    @Select("SELECT " + COLUMNS + " FROM orders WHERE order_no = #{orderNo} FOR UPDATE")
    OrderRow lock(String orderNo);

    @Select("SELECT " + COLUMNS + " FROM orders WHERE idempotency_key = #{key}")
    OrderRow findByIdempotencyKey(String key);

    @Insert("INSERT INTO orders (" + COLUMNS + ") VALUES (#{orderNo}, #{userId}, #{status}, #{totalAmount}, "
            + "#{currency}, #{expireAt}, #{idempotencyKey}, #{requestHash}, NULL, NULL, NULL, NULL, #{createdAt}, #{updatedAt})")
    int insert(OrderRow row);

    /** PENDING_PAYMENT -> PAID, only for the expected amount; zero rows means another story won. */
    @Update("UPDATE orders SET status = 'PAID', paid_channel = #{channel}, paid_out_trade_no = #{outTradeNo}, "
            + "paid_trade_no = #{tradeNo}, paid_at = #{paidAt}, updated_at = #{now} "
            + "WHERE order_no = #{orderNo} AND status = 'PENDING_PAYMENT' AND total_amount = #{amount}")
    int markPaid(@Param("orderNo") String orderNo, @Param("amount") long amount, @Param("channel") String channel,
            @Param("outTradeNo") String outTradeNo, @Param("tradeNo") String tradeNo, @Param("paidAt") Instant paidAt,
            @Param("now") Instant now);

    /** Applies a move of the state machine; zero rows means the order was not in {@code from}. */
    @Update("UPDATE orders SET status = #{to}, updated_at = #{now} WHERE order_no = #{orderNo} AND status = #{from}")
    int move(@Param("orderNo") String orderNo, @Param("from") OrderStatus from, @Param("to") OrderStatus to,
            @Param("now") Instant now);

    /** Unpaid orders past their expiry, oldest first. */
    @Select("SELECT order_no FROM orders WHERE status = 'PENDING_PAYMENT' AND expire_at <= #{now} "
            + "ORDER BY expire_at LIMIT #{limit}")
    List<String> expired(@Param("now") Instant now, @Param("limit") int limit);

    @Select("<script>SELECT " + COLUMNS + " FROM orders WHERE user_id = #{userId}"
            + "<if test='status != null'> AND status = #{status}</if>"
            + " ORDER BY created_at DESC, order_no DESC LIMIT #{limit} OFFSET #{offset}</script>")
    List<OrderRow> page(@Param("userId") String userId, @Param("status") OrderStatus status, @Param("limit") int limit,
            @Param("offset") long offset);

    /** The latest orders of every shopper (the operator's console). */
    @Select("SELECT " + COLUMNS + " FROM orders ORDER BY created_at DESC, order_no DESC LIMIT #{limit}")
    List<OrderRow> latest(@Param("limit") int limit);

    @Select("<script>SELECT COUNT(*) FROM orders WHERE user_id = #{userId}"
            + "<if test='status != null'> AND status = #{status}</if></script>")
    long count(@Param("userId") String userId, @Param("status") OrderStatus status);
}
