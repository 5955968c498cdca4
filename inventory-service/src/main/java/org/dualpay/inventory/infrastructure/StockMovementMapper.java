package org.dualpay.inventory.infrastructure;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface StockMovementMapper {

    @Insert("INSERT INTO stock_movement (sku_code, kind, order_no, delta) VALUES (#{skuCode}, #{kind}, #{orderNo}, #{delta})")
    int insert(@Param("skuCode") String skuCode, @Param("kind") String kind, @Param("orderNo") String orderNo,
            @Param("delta") int delta);

    @Select("SELECT COUNT(*) FROM stock_movement WHERE order_no = #{orderNo} AND kind = #{kind}")
    int countForOrder(@Param("orderNo") String orderNo, @Param("kind") String kind);
}
