package org.dualpay.order.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param paymentTtl how long a new order waits for its payment; payment-service gives channels a
 *     shorter expiry than this, so that no channel can take money after the order closes
 */
@ConfigurationProperties("dualpay.orders")
public record OrderProperties(@DefaultValue("15m") Duration paymentTtl) {
}
