package org.dualpay.payment.refund;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.RefundReason;

@Mapper
public interface NotificationMapper {

    /** At most one notification per refund and kind; a repeat is ignored. */
    @Insert("INSERT IGNORE INTO user_notification (user_id, kind, order_no, refund_no, channel, amount, reason, "
            + "message, created_at) VALUES (#{userId}, #{kind}, #{orderNo}, #{refundNo}, #{channel}, #{amount}, "
            + "#{reason}, #{message}, #{now})")
    int insert(@Param("userId") String userId, @Param("kind") String kind, @Param("orderNo") String orderNo,
            @Param("refundNo") String refundNo, @Param("channel") Channel channel, @Param("amount") long amount,
            @Param("reason") RefundReason reason, @Param("message") String message, @Param("now") Instant now);

    @Select("SELECT kind, order_no, refund_no, channel, amount, reason, message, created_at "
            + "FROM user_notification WHERE user_id = #{userId} ORDER BY id DESC LIMIT 200")
    List<NotificationRow> forUser(String userId);
}
