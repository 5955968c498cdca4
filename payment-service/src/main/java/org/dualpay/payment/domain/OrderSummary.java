package org.dualpay.payment.domain;

import java.time.Instant;

/** What payment-service reads of an order (order-service owns it). */
public record OrderSummary(String orderNo, String userId, OrderStatus status, long totalAmount, Instant expireAt) {
}
