package org.dualpay.payment.refund;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.common.money.Money;
import org.dualpay.payment.PaymentFaultPoint;
import org.dualpay.payment.channel.ChannelUnavailableException;
import org.dualpay.payment.channel.Channels;
import org.dualpay.payment.channel.ChannelGateway;
import org.dualpay.payment.domain.OrderStatus;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.domain.RefundStatus;
import org.dualpay.payment.infrastructure.OrderClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes confirmed refunds to the channel, after the global transaction that decided them has
 * committed: submits them (idempotent by refund number), follows the channel's result, retries
 * every failure (whatever it is) with a doubling backoff ({@link RefundSchedule}), and parks a refund
 * as MANUAL only once it has failed for {@code giveUpAfter} (hours), for customer support
 * ({@code /api/admin/refunds}; the reconciliation reports it with the money it holds).
 *
 * <p>Several instances share the work: each run claims due refunds one at a time with {@code FOR UPDATE
 * SKIP LOCKED} and leases each by moving its due time past the lease (longer than one dispatch's
 * worst case); another instance skips what is claimed and sees it leased afterwards. A crashed
 * instance's lease simply runs out.
 */
@Component
public class RefundDispatcher {

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
    private final RefundSchedule schedule;

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
        this.schedule = properties.schedule();
        log.info("refund schedule: backoff {} doubling to {}, parked MANUAL after failing for {} ({} tries)",
                properties.backoff(), properties.maxBackoff(), properties.giveUpAfter(), schedule.triesUntilParked());
    }

    @Scheduled(fixedDelayString = "${dualpay.refunds.interval:PT0.5S}")
    public void run() {
        long started = System.nanoTime();
        int dispatched = 0;
        for (; dispatched < properties.batchSize(); dispatched++) {
            String refundNo = claimOne();
            if (refundNo == null) {
                break;
            }
            dispatch(refundNo);
        }
        meters.timer("dualpay.jobs.run", "job", "refund-dispatcher")
                .record(java.time.Duration.ofNanos(System.nanoTime() - started));
        if (dispatched > 0) {
            log.debug("refund dispatcher: {} refund(s) in {} ms", dispatched, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Claims one due refund for the lease: a lease only has to outlast one dispatch (two channel calls
     * and the order's move, each bounded by its timeouts), never a whole batch.
     */
    private String claimOne() {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            List<String> due = refunds.due(now, 1);
            if (due.isEmpty()) {
                return null;
            }
            refunds.lease(due, now.plus(properties.lease()));
            return due.get(0);
        });
    }

    /** One step of one refund. Every failure counts, whatever it is: nothing loops uncounted. */
    private void dispatch(String refundNo) {
        RefundRow refund = refunds.find(refundNo);
        try {
            advance(refund);
        } catch (RuntimeException e) {
            RefundRow current = refunds.find(refundNo);
            String error = e instanceof ChannelUnavailableException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            if (current != null && (current.status == RefundStatus.PENDING || current.status == RefundStatus.PROCESSING)) {
                fail(current, current.status, error);
            } else {
                log.warn("refund {} not advanced this run: {}", refundNo, error);
            }
        }
    }

    private void advance(RefundRow refund) {
        faults.hit(PaymentFaultPoint.REFUND_DISPATCH);
        ChannelGateway channel = channels.gateway(refund.channel);
        RefundStatus status = refund.status;
        ChannelGateway.RefundState state = status == RefundStatus.PENDING
                ? channel.refund(refund.refundNo, refund.outTradeNo, refund.amount)
                : channel.queryRefund(refund.refundNo, refund.outTradeNo);
        if (state == null) {
            throw new ChannelUnavailableException("the channel answered the refund without a status", null);
        }
        Instant now = clock.instant();
        switch (state) {
            case SUCCESS -> finish(refund, status);
            case PROCESSING -> refunds.move(refund.refundNo, status, RefundStatus.PROCESSING,
                    now.plus(properties.pollDelay()), now);
            case FAILED -> fail(refund, status, "the channel reports the refund failed");
        }
    }

    /**
     * The channel's own word on how a refund ended (WeChat's refund notify), applied as the answer to our
     * query would be, through the same conditional moves: should the dispatcher ask at the same moment,
     * one of the two finishes the refund and the other changes nothing. A refund that already ended, or
     * one that is not ours on that channel, is left as it is.
     */
    public void reported(Channel channel, String refundNo, ChannelGateway.RefundState state, String event) {
        RefundRow refund = refunds.find(refundNo);
        if (refund == null || refund.channel != channel) {
            log.warn("{} notify {} reports refund {}, which is not one of ours on {}; ignored", channel, event,
                    refundNo, channel);
            return;
        }
        if (refund.status != RefundStatus.PENDING && refund.status != RefundStatus.PROCESSING) {
            log.info("{} notify {} reports refund {} {}; it is {} here already", channel, event, refundNo, state,
                    refund.status);
            return;
        }
        log.info("refund {} of {} reported {} by {}'s notify ({})", refundNo, refund.outTradeNo, state, channel, event);
        switch (state) {
            case SUCCESS -> finish(refund, refund.status);
            case FAILED -> fail(refund, refund.status, "the channel's notify reports the refund failed (" + event + ")");
            case PROCESSING -> {
                // still under way: the next query follows it
            }
        }
    }

    private void finish(RefundRow refund, RefundStatus from) {
        Instant now = clock.instant();
        if (from == RefundStatus.PENDING) {
            refunds.move(refund.refundNo, from, RefundStatus.PROCESSING, now, now);
        }
        if (refund.reason == RefundReason.USER_REQUEST) {
            // Before SUCCESS: should this call fail, the refund stays PROCESSING and is finished later.
            orders.move(refund.orderNo, new OrderClient.MoveRequest(OrderStatus.REFUNDED, "REFUND_SUCCEEDED", refund.refundNo));
        }
        if (refunds.succeeded(refund.refundNo, now) == 1) {
            notifications.insert(refund.userId, "REFUND_SUCCEEDED", refund.orderNo, refund.refundNo, refund.channel,
                    refund.amount, refund.reason, Money.toYuan(refund.amount) + " yuan went back to your "
                            + refund.channel + " account (" + refund.reason + ").", now);
            meters.counter("dualpay.refunds.finished", "result", "success", "reason", refund.reason.name()).increment();
            log.info("refund {} of {} succeeded: {} fen back on {} ({})", refund.refundNo, refund.outTradeNo,
                    refund.amount, refund.channel, refund.reason);
        }
    }

    private void fail(RefundRow refund, RefundStatus from, String error) {
        Instant now = clock.instant();
        int failures = refund.attempts + 1;
        Instant failingSince = refund.failingSince == null ? now : refund.failingSince;
        String message = error == null ? "(no message)" : error.length() > 250 ? error.substring(0, 250) : error;
        RefundSchedule.Decision decision = schedule.afterFailure(failures, failingSince, now);
        if (decision instanceof RefundSchedule.Decision.RetryAt retry) {
            refunds.failed(refund.refundNo, from, RefundStatus.PENDING, message, retry.at(), now);
            meters.counter("dualpay.refunds.failures", "channel", refund.channel.name()).increment();
            log.warn("refund {} of {} failed ({} in a row since {}), try {} at {}: {}", refund.refundNo,
                    refund.outTradeNo, failures, failingSince, failures + 1, retry.at(), message);
            return;
        }
        refunds.failed(refund.refundNo, from, RefundStatus.MANUAL, message, now, now);
        meters.counter("dualpay.refunds.finished", "result", "manual", "reason", refund.reason.name()).increment();
        log.error("refund {} of {} parked as MANUAL after {} failures since {} ({} fen on {} held for support): {}",
                refund.refundNo, refund.outTradeNo, failures, failingSince, refund.amount, refund.channel, message);
    }
}
