package org.dualpay.order.application;

import org.dualpay.order.OrderFaultPoint;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.seata.core.context.RootContext;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.order.domain.MarkPaidOutcome;
import org.dualpay.order.domain.OrderStatus;
import org.dualpay.order.domain.PaymentSuccess;
import org.dualpay.order.domain.Transition;
import org.dualpay.order.infrastructure.OrderRow;
import org.dualpay.order.infrastructure.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * PENDING_PAYMENT -> PAID: the order branch of the payment's global transaction (AT). It decides on a
 * locking read (under AT that also waits for any other global transaction holding the row), then
 * applies the move as a conditional update. When the order cannot be paid the outcome says why (an
 * idempotent repeat, a duplicate payment, a late payment) and nothing is written.
 */
@Service
public class MarkOrderPaid {

    private static final Logger log = LoggerFactory.getLogger(MarkOrderPaid.class);

    private final OrderStore store;
    private final FaultPoints faults;
    private final Clock clock;

    public MarkOrderPaid(OrderStore store, FaultPoints faults, Clock clock) {
        this.store = store;
        this.faults = faults;
        this.clock = clock;
    }

    @Transactional
    public MarkPaidOutcome markPaid(PaymentSuccess payment) {
        OrderRow row = store.orders().lock(payment.orderNo());
        MarkPaidOutcome refusal = refusal(row, payment);
        if (refusal != null) {
            log.info("order {} not marked paid by {}: {}, xid={}", payment.orderNo(), payment.outTradeNo(),
                    refusal.getClass().getSimpleName(), RootContext.getXID());
            return refusal;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Transition transition = new Transition(payment.orderNo(), OrderStatus.PENDING_PAYMENT, OrderStatus.PAID,
                "PAYMENT_CONFIRMED", payment.channel() + " " + payment.channelTradeNo() + " " + payment.outTradeNo());
        int changed = store.orders().markPaid(payment.orderNo(), payment.amount(), payment.channel(),
                payment.outTradeNo(), payment.channelTradeNo(), payment.paidAt(), now);
        if (changed != 1) {
            // The row is locked by this transaction and was checked above; anything else is a bug.
            throw new IllegalStateException("order " + payment.orderNo() + " changed under its row lock");
        }
        store.recordTransition(transition, now);
        faults.hit(OrderFaultPoint.MARK_PAID_AFTER_UPDATE);
        log.info("order {} PENDING_PAYMENT -> PAID by {} {} ({}), xid={}", payment.orderNo(), payment.channel(),
                payment.channelTradeNo(), payment.outTradeNo(), RootContext.getXID());
        return new MarkPaidOutcome.Paid(store.find(payment.orderNo()).orElseThrow());
    }

    /** Why this payment cannot make the order PAID, or null when it can. */
    private MarkPaidOutcome refusal(OrderRow row, PaymentSuccess payment) {
        if (row == null) {
            return new MarkPaidOutcome.NotFound(payment.orderNo());
        }
        if (payment.outTradeNo().equals(row.paidOutTradeNo)) {
            return new MarkPaidOutcome.AlreadyPaidBySameTrade(store.find(row.orderNo).orElseThrow());
        }
        if (row.paidOutTradeNo != null) {
            return new MarkPaidOutcome.AlreadyPaidByOtherTrade(store.find(row.orderNo).orElseThrow());
        }
        if (row.status != OrderStatus.PENDING_PAYMENT) {
            return new MarkPaidOutcome.NotPayable(store.find(row.orderNo).orElseThrow());
        }
        if (row.totalAmount != payment.amount()) {
            return new MarkPaidOutcome.AmountMismatch(store.find(row.orderNo).orElseThrow(), payment.amount());
        }
        return null;
    }
}
