package org.dualpay.inventory.domain;

import java.time.Instant;

/**
 * One row of the stock ledger: a SKU's stock moved by {@code delta} (negative for a deduction), for an
 * order or by hand. {@code kind} is as stored ({@link MovementKind}'s names, or whatever a hand edit wrote).
 */
public record StockMovement(long id, String skuCode, String kind, String orderNo, int delta, Instant createdAt) {
}
