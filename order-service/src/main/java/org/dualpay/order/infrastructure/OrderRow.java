package org.dualpay.order.infrastructure;

import org.dualpay.order.domain.OrderStatus;
import java.time.Instant;

/** A row of {@code orders}; converted to {@link org.dualpay.order.domain.Order} by {@link OrderStore}. */
public class OrderRow {

    public String orderNo;
    public String userId;
    public OrderStatus status;
    public Long totalAmount;
    public String currency;
    public Instant expireAt;
    public String idempotencyKey;
    public String requestHash;
    public String paidChannel;
    public String paidOutTradeNo;
    public String paidTradeNo;
    public Instant paidAt;
    public Instant createdAt;
    public Instant updatedAt;
}
