package org.dualpay.payment.refund;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.dualpay.payment.domain.RefundStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The refunds as gauges, read from payment_db on a schedule (one grouped query, every
 * {@code dualpay.refunds.gauge-interval}, 10 s by default) rather than on each scrape:
 * {@code dualpay_refunds{status}} (how many), {@code dualpay_refunds_fen{status}} (their money) and
 * {@code dualpay_refunds_awaiting_fen} (owed to shoppers, not back yet: see {@link RefundBook}).
 * Every instance reads the same database, so the dashboard takes one instance's value, not the sum.
 */
@Component
public class RefundGauges {

    private static final Logger log = LoggerFactory.getLogger(RefundGauges.class);

    private final RefundMapper refunds;
    private final AtomicReference<RefundBook> book = new AtomicReference<>(RefundBook.EMPTY);

    RefundGauges(RefundMapper refunds, MeterRegistry meters) {
        this.refunds = refunds;
        for (RefundStatus status : RefundStatus.values()) {
            Gauge.builder("dualpay.refunds", book, b -> b.get().count().get(status))
                    .description("refunds in this status").tag("status", status.name()).register(meters);
            Gauge.builder("dualpay.refunds.fen", book, b -> b.get().fen().get(status))
                    .description("money of the refunds in this status, in fen").tag("status", status.name()).register(meters);
        }
        Gauge.builder("dualpay.refunds.awaiting.fen", book, b -> b.get().awaitingFen())
                .description("money owed to shoppers and not back on their channel yet (PENDING, PROCESSING, MANUAL), in fen")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${dualpay.refunds.gauge-interval:PT10S}", initialDelay = 1000)
    public void refresh() {
        try {
            book.set(RefundBook.of(refunds.totalsByStatus().stream().map(row -> new RefundBook.StatusTotal(
                    RefundStatus.valueOf(String.valueOf(row.get("status"))), ((Number) row.get("refunds")).longValue(),
                    ((Number) row.get("amount")).longValue())).toList()));
        } catch (RuntimeException e) {
            // the gauges keep their last values; the database being away is shown elsewhere
            log.warn("refund gauges not refreshed: {}", e.getMessage());
        }
    }
}
