package org.dualpay.order.domain;

/** One SKU of an order, at the price it had when the order was created (fen). */
public record OrderLine(String skuCode, String skuName, long unitPrice, int quantity) {

    public long amount() {
        return Math.multiplyExact(unitPrice, quantity);
    }
}
