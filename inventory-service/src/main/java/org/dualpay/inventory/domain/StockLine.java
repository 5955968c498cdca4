package org.dualpay.inventory.domain;

/** So many units of one SKU, as an order asks for them. */
public record StockLine(String skuCode, int quantity) {

    public StockLine {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }
}
