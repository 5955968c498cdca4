package org.dualpay.order.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param paymentTtl how long a new order waits for its payment; payment-service gives channels a
 *     shorter expiry than this, so that no channel can take money after the order closes
 * @param closeInterval how often the timeout close looks for expired orders (ISO-8601, e.g. PT5S: @Scheduled reads it too)
 * @param closeBatchSize how many expired orders one run closes at most
 */
@ConfigurationProperties("dualpay.orders")
public record OrderProperties(@DefaultValue("15m") Duration paymentTtl, @DefaultValue("PT5S") Duration closeInterval,
        @DefaultValue("100") int closeBatchSize) {
}
