package org.dualpay.payment.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.seata.core.context.RootContext;
import io.seata.spring.annotation.GlobalTransactional;
import io.seata.tm.api.transaction.TransactionHookAdapter;
import io.seata.tm.api.transaction.TransactionHookManager;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.payment.domain.ConfirmOutcome;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.infrastructure.InventoryClient;
import org.dualpay.payment.infrastructure.OrderClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one global transaction (Seata AT) of a first successful payment:
 *
 * <ol>
 *   <li>payment_db: the attempt SUCCESS, the payment PAID (local branch, {@link PaymentLedger});
 *   <li>order_db: the order PENDING_PAYMENT -> PAID (order-service through Feign);
 *   <li>inventory_db: the order's stock deducted (inventory-service through Feign).
 * </ol>
 *
 * Any refusal or failure of a branch throws, and the TC rolls every branch back through its undo
 * log; the channel then gets a failure answer and notifies again. No channel is called in here.
 */
@Service
public class ConfirmPayment {

    public static final String FAULT_BEFORE_ORDER = "payment.confirm.before-order";
    public static final String FAULT_BEFORE_INVENTORY = "payment.confirm.before-inventory";
    public static final String FAULT_BEFORE_COMMIT = "payment.confirm.before-commit";

    private static final Logger log = LoggerFactory.getLogger(ConfirmPayment.class);

    private final PaymentLedger ledger;
    private final OrderClient orders;
    private final InventoryClient inventory;
    private final FaultPoints faults;
    private final MeterRegistry meters;

    ConfirmPayment(PaymentLedger ledger, OrderClient orders, InventoryClient inventory, FaultPoints faults,
            MeterRegistry meters) {
        this.ledger = ledger;
        this.orders = orders;
        this.inventory = inventory;
        this.faults = faults;
        this.meters = meters;
    }

    @GlobalTransactional(name = "confirm-payment", timeoutMills = 30_000, rollbackFor = Exception.class)
    public ConfirmOutcome confirm(PaymentNotice notice) {
        PaymentLedger.Recorded recorded = ledger.recordSuccess(notice);
        if (recorded instanceof PaymentLedger.Recorded.AlreadyRecorded) {
            return ConfirmOutcome.ALREADY_CONFIRMED;
        }
        if (recorded instanceof PaymentLedger.Recorded.Duplicate) {
            reportCompletion(notice, ConfirmOutcome.DUPLICATE_PAYMENT);
            return ConfirmOutcome.DUPLICATE_PAYMENT;
        }
        reportCompletion(notice, ConfirmOutcome.PAID);
        var attempt = ((PaymentLedger.Recorded.Applied) recorded).attempt();

        faults.hit(FAULT_BEFORE_ORDER);
        OrderClient.MarkPaidView marked = orders.paymentSuccess(attempt.orderNo, new OrderClient.PaymentSuccess(
                attempt.outTradeNo, notice.channel().name(), notice.channelTradeNo(), notice.amount(), notice.paidAt()));

        faults.hit(FAULT_BEFORE_INVENTORY);
        inventory.deduct(new InventoryClient.DeductRequest(attempt.orderNo, marked.order().items().stream()
                .map(item -> new InventoryClient.Line(item.skuCode(), item.quantity())).toList()));

        faults.hit(FAULT_BEFORE_COMMIT);
        return ConfirmOutcome.PAID;
    }

    /** Logs and counts how the global transaction that changed something ended, once the TC has answered. */
    private void reportCompletion(PaymentNotice notice, ConfirmOutcome outcome) {
        String xid = RootContext.getXID();
        TransactionHookManager.registerHook(new TransactionHookAdapter() {
            @Override
            public void afterCommit() {
                meters.counter("dualpay.global.transactions", "name", "confirm-payment", "result", "committed")
                        .increment();
                log.info("global transaction {} committed: {} {} {} ({})", xid, outcome, notice.channel(),
                        notice.channelTradeNo(), notice.outTradeNo());
            }

            @Override
            public void afterRollback() {
                meters.counter("dualpay.global.transactions", "name", "confirm-payment", "result", "rolled_back")
                        .increment();
                log.warn("global transaction {} rolled back: {} {} {} ({})", xid, outcome, notice.channel(),
                        notice.channelTradeNo(), notice.outTradeNo());
            }
        });
    }
}
