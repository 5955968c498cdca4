package org.dualpay.inventory.infrastructure;

import org.dualpay.inventory.domain.MovementKind;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface StockMovementMapper {

    @Insert("INSERT INTO stock_movement (sku_code, kind, order_no, delta) VALUES (#{skuCode}, #{kind}, #{orderNo}, #{delta})")
    int insert(@Param("skuCode") String skuCode, @Param("kind") MovementKind kind, @Param("orderNo") String orderNo,
            @Param("delta") int delta);

    /** The SKUs and quantities an order's movements of one kind moved (deltas as stored, signed). */
    @Select("SELECT sku_code, delta FROM stock_movement WHERE order_no = #{orderNo} AND kind = #{kind} ORDER BY sku_code")
    List<Map<String, Object>> forOrder(@Param("orderNo") String orderNo, @Param("kind") MovementKind kind);

    /** Every movement of an order, in the order they were written (the operator's console). */
    @Select("SELECT id, sku_code, kind, order_no, delta, created_at FROM stock_movement WHERE order_no = #{orderNo} ORDER BY id")
    List<StockMovementRow> allForOrder(@Param("orderNo") String orderNo);

    @Select("SELECT COUNT(*) FROM stock_movement WHERE order_no = #{orderNo} AND kind = #{kind}")
    int countForOrder(@Param("orderNo") String orderNo, @Param("kind") MovementKind kind);
}
