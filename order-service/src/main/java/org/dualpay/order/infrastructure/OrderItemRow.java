package org.dualpay.order.infrastructure;

public class OrderItemRow {

    public String orderNo;
    public String skuCode;
    public String skuName;
    public Long unitPrice;
    public Integer quantity;
    public Long amount;
}
