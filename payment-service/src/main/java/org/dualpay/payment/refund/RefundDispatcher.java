package org.dualpay.payment.refund;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.common.money.Money;
import org.dualpay.payment.channel.ChannelUnavailableException;
import org.dualpay.payment.channel.Channels;
import org.dualpay.payment.channel.PaymentChannel;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.domain.RefundStatus;
import org.dualpay.payment.infrastructure.NotificationMapper;
import org.dualpay.payment.infrastructure.OrderClient;
import org.dualpay.payment.infrastructure.RefundMapper;
import org.dualpay.payment.infrastructure.RefundRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes confirmed refunds to the channel, after the global transaction that decided them has
 * committed: submits them (idempotent by refund number), follows the channel's result, retries
 * failures with a doubling backoff, and parks a refund as MANUAL after {@code maxAttempts} failures,
 * for customer support ({@code /api/admin/refunds}).
 *
 * <p>Several instances share the work: each run claims due refunds with {@code FOR UPDATE SKIP
 * LOCKED} and leases them by moving their due time past the lease; another instance skips what is
 * claimed and sees it leased afterwards. A crashed instance's lease simply runs out.
 */
@Component
public class RefundDispatcher {

    public static final String FAULT_DISPATCH = "payment.refund.dispatch";

    private static final Logger log = LoggerFactory.getLogger(RefundDispatcher.class);

    private final RefundMapper refunds;
    private final NotificationMapper notifications;
    private final Channels channels;
    private final OrderClient orders;
    private final TransactionTemplate transaction;
    private final RefundProperties properties;
    private final FaultPoints faults;
    private final MeterRegistry meters;
    private final Clock clock;

    public RefundDispatcher(RefundMapper refunds, NotificationMapper notifications, Channels channels,
            OrderClient orders, TransactionTemplate transaction, RefundProperties properties, FaultPoints faults,
            MeterRegistry meters, Clock clock) {
        this.refunds = refunds;
        this.notifications = notifications;
        this.channels = channels;
        this.orders = orders;
        this.transaction = transaction;
        this.properties = properties;
        this.faults = faults;
        this.meters = meters;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dualpay.refunds.interval:PT0.5S}")
    public void run() {
        for (String refundNo : claim()) {
            try {
                dispatch(refunds.find(refundNo));
            } catch (RuntimeException e) {
                log.warn("refund {} not advanced this run: {}", refundNo, e.getMessage());
            }
        }
    }

    private List<String> claim() {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            List<String> due = refunds.due(now, properties.batchSize());
            if (!due.isEmpty()) {
                refunds.lease(due, now.plus(properties.lease()));
            }
            return due;
        });
    }

    private void dispatch(RefundRow refund) {
        faults.hit(FAULT_DISPATCH);
        PaymentChannel channel = channels.get(Channel.valueOf(refund.channel));
        RefundStatus status = RefundStatus.valueOf(refund.status);
        PaymentChannel.RefundState state;
        try {
            state = status == RefundStatus.PENDING
                    ? channel.refund(refund.refundNo, refund.outTradeNo, refund.amount)
                    : channel.queryRefund(refund.refundNo);
        } catch (ChannelUnavailableException e) {
            fail(refund, status, e.getMessage());
            return;
        }
        Instant now = clock.instant();
        switch (state) {
            case SUCCESS -> finish(refund, status);
            case PROCESSING -> refunds.move(refund.refundNo, status.name(), RefundStatus.PROCESSING.name(),
                    now.plus(properties.pollDelay()), now);
            case FAILED -> fail(refund, status, "the channel reports the refund failed");
        }
    }

    private void finish(RefundRow refund, RefundStatus from) {
        Instant now = clock.instant();
        if (from == RefundStatus.PENDING) {
            refunds.move(refund.refundNo, from.name(), RefundStatus.PROCESSING.name(), now, now);
        }
        if (RefundReason.USER_REQUEST.name().equals(refund.reason)) {
            // Before SUCCESS: should this call fail, the refund stays PROCESSING and is finished later.
            orders.move(refund.orderNo, new OrderClient.MoveRequest("REFUNDED", "REFUND_SUCCEEDED", refund.refundNo));
        }
        if (refunds.succeeded(refund.refundNo, now) == 1) {
            notifications.insert(refund.userId, "REFUND_SUCCEEDED", refund.orderNo, refund.refundNo, refund.channel,
                    refund.amount, refund.reason, Money.toYuan(refund.amount) + " yuan went back to your "
                            + refund.channel + " account (" + refund.reason + ").", now);
            meters.counter("dualpay.refunds.finished", "result", "success", "reason", refund.reason).increment();
            log.info("refund {} of {} succeeded: {} fen back on {} ({})", refund.refundNo, refund.outTradeNo,
                    refund.amount, refund.channel, refund.reason);
        }
    }

    private void fail(RefundRow refund, RefundStatus from, String error) {
        Instant now = clock.instant();
        int failures = refund.attempts + 1;
        String message = error.length() > 250 ? error.substring(0, 250) : error;
        if (failures >= properties.maxAttempts()) {
            refunds.failed(refund.refundNo, from.name(), RefundStatus.MANUAL.name(), message, now, now);
            meters.counter("dualpay.refunds.finished", "result", "manual", "reason", refund.reason).increment();
            log.error("refund {} of {} parked as MANUAL after {} failures: {}", refund.refundNo, refund.outTradeNo,
                    failures, message);
            return;
        }
        Instant next = now.plus(properties.backoffAfter(failures));
        refunds.failed(refund.refundNo, from.name(), RefundStatus.PENDING.name(), message, next, now);
        log.warn("refund {} of {} failed ({}), try {} at {}: {}", refund.refundNo, refund.outTradeNo, failures,
                failures + 1, next, message);
    }
}
