package org.dualpay.order.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.seata.core.context.RootContext;
import io.seata.spring.annotation.GlobalLock;
import org.dualpay.order.domain.MoveOutcome;
import org.dualpay.order.domain.OrderStatus;
import org.dualpay.order.domain.Transition;
import org.dualpay.order.infrastructure.OrderRow;
import org.dualpay.order.infrastructure.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every move of an order but PENDING_PAYMENT -> PAID (see {@link MarkOrderPaid}) goes through here:
 * a locking read, the state machine's verdict, a conditional update, a timeline row.
 *
 * <p>Called two ways. Inside a global transaction (closing an order that ran out of stock, starting a
 * refund) it is an AT branch like any other. Outside one (the shopper's cancel, the timeout close) it
 * is a local writer of rows that AT branches also write, so it runs under {@code @GlobalLock}: the
 * locking read waits while an unfinished global transaction (a payment being confirmed) holds the
 * order, and the local commit is refused if one took it meanwhile. So a cancel never writes over a
 * PAID that a global rollback would then have to undo, and never cancels an order whose payment is
 * about to commit: it waits, and then sees PAID.
 */
@Service
public class ChangeOrderStatus {

    private static final Logger log = LoggerFactory.getLogger(ChangeOrderStatus.class);

    private final OrderStore store;
    private final Clock clock;

    public ChangeOrderStatus(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GlobalLock(lockRetryInterval = 50, lockRetryTimes = 200)
    @Transactional
    public MoveOutcome move(String orderNo, OrderStatus wanted, String reason, String detail) {
        OrderRow row = store.orders().lock(orderNo);
        if (row == null) {
            return new MoveOutcome.NotFound(orderNo);
        }
        OrderStatus current = row.status;
        if (current == wanted) {
            return new MoveOutcome.AlreadyThere(store.find(orderNo).orElseThrow());
        }
        if (!current.canMoveTo(wanted)) {
            log.info("order {} stays {}: no move to {} ({})", orderNo, current, wanted, reason);
            return new MoveOutcome.Refused(store.find(orderNo).orElseThrow(), wanted);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (store.orders().move(orderNo, current, wanted, now) != 1) {
            throw new IllegalStateException("order " + orderNo + " changed under its row lock");
        }
        store.recordTransition(new Transition(orderNo, current, wanted, reason, detail), now);
        log.info("order {} {} -> {} ({}), xid={}", orderNo, current, wanted, reason, RootContext.getXID());
        return new MoveOutcome.Moved(store.find(orderNo).orElseThrow());
    }
}
