package org.dualpay.order.infrastructure;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface TimelineMapper {

    @Insert("INSERT INTO order_timeline (order_no, from_status, to_status, reason, detail, xid, created_at) "
            + "VALUES (#{orderNo}, #{fromStatus}, #{toStatus}, #{reason}, #{detail}, #{xid}, #{createdAt})")
    int insert(TimelineRow row);

    @Select("SELECT order_no, from_status, to_status, reason, detail, xid, created_at FROM order_timeline "
            + "WHERE order_no = #{orderNo} ORDER BY id")
    List<TimelineRow> findByOrder(String orderNo);
}
