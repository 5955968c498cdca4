package org.dualpay.payment.application;

import java.time.Clock;
import java.time.Instant;

import io.seata.core.context.RootContext;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.domain.PaymentStatus;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.dualpay.payment.infrastructure.PaymentRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment branch of the global transaction: records that a channel confirmed an attempt's money
 * and, when the payment is still open, that this attempt paid it. Decisions are taken on locking
 * reads (which under AT also wait for other global transactions' locks on the rows), and every
 * change is a conditional update.
 */
@Component
class PaymentLedger {

    private static final Logger log = LoggerFactory.getLogger(PaymentLedger.class);

    sealed interface Recorded {
        /** This attempt now pays the order: the order and stock branches must follow. */
        record Applied(AttemptRow attempt) implements Recorded {
        }

        /** The same channel trade was recorded before. */
        record AlreadyRecorded() implements Recorded {
        }

        /** Another attempt paid the order first; this attempt's money is recorded as not applied. */
        record Duplicate(AttemptRow attempt, String paidOutTradeNo) implements Recorded {
        }
    }

    private final AttemptMapper attempts;
    private final PaymentMapper payments;
    private final Clock clock;

    PaymentLedger(AttemptMapper attempts, PaymentMapper payments, Clock clock) {
        this.attempts = attempts;
        this.payments = payments;
        this.clock = clock;
    }

    @Transactional
    public Recorded recordSuccess(PaymentNotice notice) {
        AttemptRow attempt = attempts.lock(notice.outTradeNo());
        if (AttemptStatus.SUCCESS.name().equals(attempt.status)) {
            return new Recorded.AlreadyRecorded();
        }
        PaymentRow payment = payments.lock(attempt.payNo);
        Instant now = clock.instant();
        boolean applies = PaymentStatus.PAYING.name().equals(payment.status);
        requireOne(attempts.markSuccess(attempt.outTradeNo, notice.channelTradeNo(), applies, notice.paidAt(), now),
                attempt);
        if (!applies) {
            log.warn("payment {} of order {} already PAID by {}; {} {} is a duplicate payment, xid={}", payment.payNo,
                    payment.orderNo, payment.paidOutTradeNo, notice.channel(), notice.channelTradeNo(),
                    RootContext.getXID());
            return new Recorded.Duplicate(attempt, payment.paidOutTradeNo);
        }
        requireOne(payments.markPaid(payment.payNo, attempt.outTradeNo, notice.paidAt(), now), attempt);
        log.info("payment {} of order {} PAYING -> PAID by {} {} ({}), xid={}", payment.payNo, payment.orderNo,
                notice.channel(), notice.channelTradeNo(), attempt.outTradeNo, RootContext.getXID());
        return new Recorded.Applied(attempt);
    }

    private static void requireOne(int changed, AttemptRow attempt) {
        if (changed != 1) {
            // Both rows are locked by this transaction and were checked above.
            throw new IllegalStateException("attempt " + attempt.outTradeNo + " changed under its row lock");
        }
    }
}
