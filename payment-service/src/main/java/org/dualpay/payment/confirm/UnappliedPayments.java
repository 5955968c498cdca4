package org.dualpay.payment.confirm;

import io.micrometer.core.instrument.MeterRegistry;
import org.dualpay.common.id.Ids;
import org.dualpay.payment.domain.ConfirmOutcome;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.ledger.CompletionReport;
import org.dualpay.payment.ledger.PaymentLedger;
import org.dualpay.payment.refund.RefundAction;
import org.springframework.stereotype.Component;

/**
 * Money that does not pay its order: recorded (AT, payment_db) and refunded (TCC), both inside the
 * caller's global transaction, so that either both happen or neither does.
 */
@Component
class UnappliedPayments {

    private final PaymentLedger ledger;
    private final RefundAction refunds;
    private final CompletionReport report;
    private final MeterRegistry meters;

    UnappliedPayments(PaymentLedger ledger, RefundAction refunds, CompletionReport report, MeterRegistry meters) {
        this.ledger = ledger;
        this.refunds = refunds;
        this.report = report;
        this.meters = meters;
    }

    ConfirmOutcome refund(PaymentNotice notice, RefundReason reason, ConfirmOutcome outcome) {
        if (!ledger.recordUnapplied(notice, reason)) {
            return ConfirmOutcome.ALREADY_CONFIRMED;
        }
        report.onCompletion("confirm-payment", outcome, notice);
        refunds.prepare(null, Ids.next("RF"), notice.outTradeNo(), reason.name());
        meters.counter("dualpay.payments.unapplied", "reason", reason.name()).increment();
        return outcome;
    }
}
