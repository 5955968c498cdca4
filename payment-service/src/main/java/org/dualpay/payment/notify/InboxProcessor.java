package org.dualpay.payment.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.dualpay.common.error.Causes;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.common.tracing.TransactionSpans;
import org.dualpay.payment.PaymentFaultPoint;
import org.dualpay.payment.confirm.AnomalyPayments;
import org.dualpay.payment.confirm.CloseOutOfStock;
import org.dualpay.payment.confirm.ConfirmPayment;
import org.dualpay.payment.domain.ConfirmOutcome;
import org.dualpay.payment.domain.PaymentNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works the rows of the notify inbox: right after a notice is stored (inline), and from a worker
 * that retries what failed with a doubling backoff, up to 30 s apart, until it is processed.
 *
 * <p>A row is worked only under a lease: a conditional update moves its due time past the lease, and
 * only the instance whose update changed the row goes on. So several instances never work one row at
 * the same time, and a row whose instance died is picked up when the lease ends.
 */
@Component
public class InboxProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Who processes a row right after storing it, in the request that brought it. */
    static final String INLINE = "inline";

    private final InboxMapper inbox;
    private final ConfirmPayment confirmPayment;
    private final CloseOutOfStock closeOutOfStock;
    private final AnomalyPayments anomalies;
    private final FaultPoints faults;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final Clock clock;
    private final TransactionSpans spans;

    InboxProcessor(InboxMapper inbox, ConfirmPayment confirmPayment, CloseOutOfStock closeOutOfStock,
            AnomalyPayments anomalies, FaultPoints faults, io.micrometer.core.instrument.MeterRegistry meters,
            Clock clock, TransactionSpans spans) {
        this.meters = meters;
        this.anomalies = anomalies;
        this.inbox = inbox;
        this.confirmPayment = confirmPayment;
        this.closeOutOfStock = closeOutOfStock;
        this.faults = faults;
        this.clock = clock;
        this.spans = spans;
    }

    @Scheduled(fixedDelayString = "${dualpay.inbox.interval:PT0.5S}")
    public void retryDue() {
        long started = System.nanoTime();
        for (long id : inbox.due(clock.instant(), 20)) {
            process(id, "worker");
        }
        meters.timer("dualpay.jobs.run", "job", "inbox-worker").record(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Works the row if this instance can claim it; returns what it became, or null when not worked. */
    ConfirmOutcome process(long id, String by) {
        Instant now = clock.instant();
        try {
            if (inbox.claim(id, now, now.plus(LEASE)) != 1) {
                return null;
            }
        } catch (TransientDataAccessException e) {
            // Concurrent repeats of one notify (INSERT IGNORE takes shared locks on the duplicate key)
            // can make the claim a deadlock victim. The row is stored; the worker takes it.
            log.info("inbox {} not claimed by {} now ({}); the worker will", id, by, e.getClass().getSimpleName());
            return null;
        }
        InboxRow row = inbox.byId(id);
        if (INLINE.equals(by)) {
            return work(id, row, by);
        }
        // the worker: in the trace of the delivery that stored the row (README, "Traces")
        return spans.resume(row.traceParent, "inbox " + by, () -> work(id, row, by));
    }

    private ConfirmOutcome work(long id, InboxRow row, String by) {
        PaymentNotice notice = new PaymentNotice(row.channel, row.notifyId, row.outTradeNo,
                row.channelTradeNo, row.amount, row.paidAt);
        try {
            faults.hit(PaymentFaultPoint.INBOX_BEFORE_PROCESS);
            ConfirmOutcome outcome = row.anomaly != null ? anomalies.refund(notice, row.anomaly) : confirm(notice);
            inbox.processed(id, outcome, clock.instant());
            log.info("inbox {} ({} {} {}) processed by {} on attempt {}: {}", id, row.source, row.channel,
                    row.channelTradeNo, by, row.attempts, outcome);
            return outcome;
        } catch (RuntimeException e) {
            Instant next = clock.instant().plus(backoff(row.attempts));
            inbox.failed(id, abbreviate(rootMessage(e)), next);
            log.warn("inbox {} ({} {} {}) failed on attempt {} ({}), retried at {}", id, row.source, row.channel,
                    row.channelTradeNo, row.attempts, rootMessage(e), next);
            return null;
        }
    }

    private ConfirmOutcome confirm(PaymentNotice notice) {
        try {
            return confirmPayment.confirm(notice);
        } catch (RuntimeException e) {
            if (Causes.find(e, ConfirmPayment.OutOfStockException.class).isEmpty()) {
                throw e;
            }
            log.warn("order of {} ran out of stock while {} {} was paid; closing it and refunding",
                    notice.outTradeNo(), notice.channel(), notice.channelTradeNo());
            return closeOutOfStock.close(notice);
        }
    }

    static Duration backoff(int attempts) {
        long millis = 500L << Math.min(Math.max(attempts - 1, 0), 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 250 ? text : text.substring(0, 250);
    }
}
