package org.dualpay.order.infrastructure;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface OrderItemMapper {

    @Insert("INSERT INTO order_item (order_no, sku_code, sku_name, unit_price, quantity, amount) "
            + "VALUES (#{orderNo}, #{skuCode}, #{skuName}, #{unitPrice}, #{quantity}, #{amount})")
    int insert(OrderItemRow row);

    @Select("SELECT order_no, sku_code, sku_name, unit_price, quantity, amount FROM order_item "
            + "WHERE order_no = #{orderNo} ORDER BY sku_code")
    List<OrderItemRow> findByOrder(String orderNo);
}
