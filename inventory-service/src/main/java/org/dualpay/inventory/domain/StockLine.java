package org.dualpay.inventory.domain;

import java.util.Comparator;
import java.util.List;

/** So many units of one SKU, as an order asks for them. */
public record StockLine(String skuCode, int quantity) {

    /**
     * The lines in the order their SKU rows are locked and changed: by SKU code, so that two orders
     * sharing SKUs take their locks alike and never deadlock on each other.
     */
    public static List<StockLine> inLockOrder(List<StockLine> lines) {
        return lines.stream().sorted(Comparator.comparing(StockLine::skuCode)).toList();
    }

    public StockLine {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }
}
