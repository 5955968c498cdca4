package org.dualpay.inventory.domain;

/** A sellable item: price in fen, stock in units. */
public record Sku(String skuCode, String name, long price, int stock) {
}
