package org.dualpay.inventory.infrastructure;

import java.util.List;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface SkuMapper extends BaseMapper<SkuRow> {

    @Select("SELECT sku_code, name, price, stock FROM sku ORDER BY sku_code")
    List<SkuRow> findAll();

    /** One atomic, conditional statement: never read-modify-write, never below zero. */
    @Update("UPDATE sku SET stock = stock - #{quantity} WHERE sku_code = #{skuCode} AND stock >= #{quantity}")
    int deduct(@Param("skuCode") String skuCode, @Param("quantity") int quantity);

    @Update("UPDATE sku SET stock = stock + #{quantity} WHERE sku_code = #{skuCode}")
    int restore(@Param("skuCode") String skuCode, @Param("quantity") int quantity);

    /**
     * Locks SKU rows in code order. Inside a global transaction Seata also waits for their global
     * locks, so once this returns no unfinished global transaction has changed these SKUs.
     */
    @Select("<script>SELECT sku_code FROM sku WHERE sku_code IN "
            + "<foreach item='code' collection='codes' open='(' separator=',' close=')'>#{code}</foreach> "
            + "ORDER BY sku_code FOR UPDATE</script>")
    List<String> lockAll(@Param("codes") List<String> codes);

    /** A locking read: under {@code @GlobalLock} Seata also checks that no global transaction holds the row. */
    @Select("SELECT sku_code, name, price, stock FROM sku WHERE sku_code = #{skuCode} FOR UPDATE")
    SkuRow lockByCode(@Param("skuCode") String skuCode);

    @Update("UPDATE sku SET stock = #{stock} WHERE sku_code = #{skuCode}")
    int setStock(@Param("skuCode") String skuCode, @Param("stock") int stock);
}
