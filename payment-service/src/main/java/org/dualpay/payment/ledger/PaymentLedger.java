package org.dualpay.payment.ledger;

import java.time.Clock;
import java.time.Instant;

import io.seata.core.context.RootContext;
import io.seata.spring.annotation.GlobalLock;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.domain.PaymentStatus;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.dualpay.payment.infrastructure.PaymentRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment branch of the global transactions: records what a channel's money became. Decisions
 * are taken on locking reads (which under AT also wait for other global transactions' locks on the
 * rows), and every change is a conditional update.
 */
@Component
public class PaymentLedger {

    private static final Logger log = LoggerFactory.getLogger(PaymentLedger.class);

    private final AttemptMapper attempts;
    private final PaymentMapper payments;
    private final Clock clock;

    public PaymentLedger(AttemptMapper attempts, PaymentMapper payments, Clock clock) {
        this.attempts = attempts;
        this.payments = payments;
        this.clock = clock;
    }

    /**
     * This attempt paid the order (the order branch just said so): attempt SUCCESS, payment PAID.
     * False when this channel trade was recorded before.
     */
    @Transactional
    public boolean recordApplied(PaymentNotice notice) {
        AttemptRow attempt = attempts.lock(notice.outTradeNo());
        if (attempt.status == AttemptStatus.SUCCESS) {
            return false;
        }
        PaymentRow payment = payments.lock(attempt.payNo);
        if (payment.status != PaymentStatus.PAYING) {
            throw new IllegalStateException("payment " + payment.payNo + " is " + payment.status
                    + " although order " + payment.orderNo + " was just paid by " + attempt.outTradeNo);
        }
        Instant now = clock.instant();
        requireOne(attempts.markSuccess(attempt.outTradeNo, notice.channelTradeNo(), true, notice.paidAt(), now), attempt);
        requireOne(payments.markPaid(payment.payNo, attempt.outTradeNo, notice.paidAt(), now), attempt);
        log.info("payment {} of order {} PAYING -> PAID by {} {} ({}), xid={}", payment.payNo, payment.orderNo,
                notice.channel(), notice.channelTradeNo(), attempt.outTradeNo, RootContext.getXID());
        return true;
    }

    /**
     * Money arrived that does not pay the order (duplicate, late, out of stock): attempt SUCCESS, not
     * applied. False when this channel trade was recorded before.
     */
    @Transactional
    public boolean recordUnapplied(PaymentNotice notice, RefundReason why) {
        AttemptRow attempt = attempts.lock(notice.outTradeNo());
        if (attempt.status == AttemptStatus.SUCCESS) {
            return false;
        }
        requireOne(attempts.markSuccess(attempt.outTradeNo, notice.channelTradeNo(), false, notice.paidAt(),
                clock.instant()), attempt);
        log.warn("order {}: {} {} ({}) recorded as {}, to be refunded, xid={}", attempt.orderNo, notice.channel(),
                notice.channelTradeNo(), attempt.outTradeNo, why, RootContext.getXID());
        return true;
    }

    /**
     * The attempt as a plain read sees it, which for a decision outside a global transaction is the
     * committed attempt unless it shows SUCCESS. Only a global transaction sets SUCCESS, nothing moves an
     * attempt out of it, and the other statuses are entered from CREATED only; the trade's channel and
     * amount are written once, when the attempt is created (a local transaction). So a row that does not
     * show SUCCESS is committed as such, or a global transaction's uncommitted CLOSED or FAILED over a
     * committed CREATED: neither is SUCCESS, and a decision on it comes out the same. A SUCCESS may be
     * uncommitted; read it again with {@link #committed}.
     */
    public AttemptRow current(String outTradeNo) {
        return attempts.find(outTradeNo);
    }

    /**
     * The attempt as committed. Under AT a plain read sees other global transactions' uncommitted
     * changes; an attempt that reads SUCCESS that way may still be rolled back. So whatever is
     * decided on the attempt's state outside a global transaction (such as telling a channel its
     * notify was already processed) reads it here: under {@code @GlobalLock} the locking read waits
     * until no global transaction holds the row.
     */
    @GlobalLock(lockRetryInterval = 20, lockRetryTimes = 250)
    @Transactional
    public AttemptRow committed(String outTradeNo) {
        return attempts.lock(outTradeNo);
    }

    /**
     * The channel closed the trade: CREATED -> CLOSED. A local writer of a row AT branches write, so
     * under {@code @GlobalLock}: it never changes an attempt a global transaction is working on.
     */
    @GlobalLock(lockRetryInterval = 50, lockRetryTimes = 100)
    @Transactional
    public boolean markClosed(String outTradeNo) {
        AttemptRow attempt = attempts.lock(outTradeNo);
        return attempt != null && attempts.markClosed(outTradeNo, clock.instant()) == 1;
    }

    /**
     * A channel reported money for this attempt that disagrees with it: its trade is spent, so an
     * attempt still open is closed (CREATED -> CLOSED, AT, inside the anomaly's global transaction).
     */
    @Transactional
    public void closeForAnomaly(String outTradeNo, String anomaly) {
        AttemptRow attempt = attempts.lock(outTradeNo);
        if (attempt != null && attempts.markClosed(outTradeNo, clock.instant()) == 1) {
            log.warn("attempt {} of order {} closed: {}, xid={}", outTradeNo, attempt.orderNo, anomaly,
                    RootContext.getXID());
        }
    }

    private static void requireOne(int changed, AttemptRow attempt) {
        if (changed != 1) {
            // The rows are locked by this transaction and were checked above.
            throw new IllegalStateException("attempt " + attempt.outTradeNo + " changed under its row lock");
        }
    }
}
