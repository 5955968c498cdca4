package org.dualpay.payment.infrastructure;

import java.time.Instant;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface PaymentMapper {

    String COLUMNS = "pay_no, order_no, user_id, amount, status, paid_out_trade_no, paid_at, created_at, updated_at";

    @Select("SELECT " + COLUMNS + " FROM payment WHERE order_no = #{orderNo}")
    PaymentRow findByOrder(String orderNo);

    @Select("SELECT " + COLUMNS + " FROM payment WHERE pay_no = #{payNo}")
    PaymentRow find(String payNo);

    /** Locking read; under AT it also waits for the row's global lock. */
    @Select("SELECT " + COLUMNS + " FROM payment WHERE pay_no = #{payNo} FOR UPDATE")
    PaymentRow lock(String payNo);

    @Insert("INSERT INTO payment (" + COLUMNS + ") VALUES (#{payNo}, #{orderNo}, #{userId}, #{amount}, #{status}, "
            + "NULL, NULL, #{createdAt}, #{updatedAt})")
    int insert(PaymentRow row);

    @Update("UPDATE payment SET status = 'PAID', paid_out_trade_no = #{outTradeNo}, paid_at = #{paidAt}, "
            + "updated_at = #{now} WHERE pay_no = #{payNo} AND status = 'PAYING'")
    int markPaid(@Param("payNo") String payNo, @Param("outTradeNo") String outTradeNo,
            @Param("paidAt") Instant paidAt, @Param("now") Instant now);
}
