package org.dualpay.inventory.infrastructure;

import java.time.Instant;

import org.dualpay.inventory.domain.StockMovement;

/** A stock_movement row as read. */
public class StockMovementRow {
    public Long id;
    public String skuCode;
    public String kind;
    public String orderNo;
    public Integer delta;
    public Instant createdAt;

    public StockMovement toDomain() {
        return new StockMovement(id, skuCode, kind, orderNo, delta, createdAt);
    }
}
