package org.dualpay.payment.refund;

import java.time.Clock;
import java.time.Instant;

import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.domain.RefundStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The refund rows the TCC phases of {@link RefundAction} and {@link AnomalyRefundAction} write: one
 * refund per received payment (the unique {@code payment_key}), so frozen plus refunded never exceeds
 * what the payment brought.
 */
@Component
class RefundRecords {

    private static final Logger log = LoggerFactory.getLogger(RefundRecords.class);

    private final RefundMapper refunds;
    private final NotificationMapper notifications;
    private final Clock clock;

    RefundRecords(RefundMapper refunds, NotificationMapper notifications, Clock clock) {
        this.refunds = refunds;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Try: the refund recorded as TRYING (the freeze), or a cancelled one of the same payment revived. */
    void freeze(RefundRow row, String xid) {
        Instant now = clock.instant();
        row.status = RefundStatus.TRYING;
        row.nextAttemptAt = now;
        row.xid = xid;
        row.createdAt = now;
        row.updatedAt = now;
        try {
            // Insert first: a locking read of a row that does not exist yet takes a gap lock, and two
            // such tries deadlock on their inserts.
            refunds.insert(row);
        } catch (DuplicateKeyException exists) {
            RefundRow existing = refunds.lockByPayment(row.paymentKey);
            if (refunds.revive(existing.refundNo, row.reason, xid, now) != 1) {
                throw new IllegalStateException("payment " + row.paymentKey + " already has refund "
                        + existing.refundNo + " (" + existing.status + ")");
            }
        }
        log.info("refund of {} tried: {} fen on {}, {}, xid={}", row.paymentKey, row.amount, row.channel, row.reason,
                xid);
    }

    /** Confirm: TRYING -> PENDING (the dispatcher's), and the shopper told why the money goes back. */
    void confirm(String paymentKey, String xid) {
        RefundRow refund = leaveTrying(paymentKey, RefundStatus.PENDING);
        if (refund != null) {
            RefundReason reason = refund.reason;
            notifications.insert(refund.userId, reason.noticeKind(), refund.orderNo, refund.refundNo, refund.channel,
                    refund.amount, refund.reason, reason.message(), clock.instant());
            log.info("refund {} of {} confirmed: handed to the dispatcher, xid={}", refund.refundNo, paymentKey, xid);
        }
    }

    /** Cancel: TRYING -> CANCELLED, the amount released. */
    void cancel(String paymentKey, String xid) {
        RefundRow refund = leaveTrying(paymentKey, RefundStatus.CANCELLED);
        if (refund != null) {
            log.info("refund {} of {} cancelled: the amount is released, xid={}", refund.refundNo, paymentKey, xid);
        }
    }

    /** Phase two: the payment's refund leaves TRYING for {@code to}; null when it was not TRYING. */
    private RefundRow leaveTrying(String paymentKey, RefundStatus to) {
        RefundRow refund = refunds.lockByPayment(paymentKey);
        Instant now = clock.instant();
        boolean moved = refund != null
                && refunds.move(refund.refundNo, RefundStatus.TRYING, to, now, now) == 1;
        return moved ? refund : null;
    }
}
