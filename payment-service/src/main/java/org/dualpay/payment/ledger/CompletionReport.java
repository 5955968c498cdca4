package org.dualpay.payment.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.seata.core.context.RootContext;
import io.seata.tm.api.transaction.TransactionHookAdapter;
import io.seata.tm.api.transaction.TransactionHookManager;
import org.dualpay.payment.domain.PaymentNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Logs and counts how a global transaction that changed something ended, once the TC has answered. */
@Component
public class CompletionReport {

    private static final Logger log = LoggerFactory.getLogger(CompletionReport.class);

    private final MeterRegistry meters;

    public CompletionReport(MeterRegistry meters) {
        this.meters = meters;
    }

    public void onCompletion(String name, Object outcome, PaymentNotice notice) {
        onCompletion(name, outcome, notice.channel() + " " + notice.channelTradeNo() + " (" + notice.outTradeNo() + ")");
    }

    public void onCompletion(String name, Object outcome, String subject) {
        String xid = RootContext.getXID();
        if (xid == null) {
            // no global transaction (Seata switched off, as the benchmark's floor runs): no hook would ever fire
            return;
        }
        TransactionHookManager.registerHook(new TransactionHookAdapter() {
            @Override
            public void afterCommit() {
                meters.counter("dualpay.global.transactions", "name", name, "result", "committed").increment();
                log.info("global transaction {} committed: {} {}", xid, outcome, subject);
            }

            @Override
            public void afterRollback() {
                meters.counter("dualpay.global.transactions", "name", name, "result", "rolled_back").increment();
                log.warn("global transaction {} rolled back: {} {}", xid, outcome, subject);
            }
        });
    }
}
