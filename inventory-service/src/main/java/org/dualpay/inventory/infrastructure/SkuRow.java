package org.dualpay.inventory.infrastructure;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

import org.dualpay.inventory.domain.Sku;

@TableName("sku")
public class SkuRow {

    @TableId(type = IdType.INPUT)
    private String skuCode;
    private String name;
    private Long price;
    private Integer stock;

    public Sku toDomain() {
        return new Sku(skuCode, name, price, stock);
    }

    public String getSkuCode() {
        return skuCode;
    }

    public void setSkuCode(String skuCode) {
        this.skuCode = skuCode;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getPrice() {
        return price;
    }

    public void setPrice(Long price) {
        this.price = price;
    }

    public Integer getStock() {
        return stock;
    }

    public void setStock(Integer stock) {
        this.stock = stock;
    }
}
