package org.dualpay.payment.confirm;

import io.micrometer.core.instrument.MeterRegistry;
import io.seata.spring.annotation.GlobalTransactional;
import org.dualpay.common.id.Ids;
import org.dualpay.payment.domain.ConfirmOutcome;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.domain.RefundStatus;
import org.dualpay.payment.ledger.CompletionReport;
import org.dualpay.payment.ledger.PaymentLedger;
import org.dualpay.payment.refund.AnomalyRefundAction;
import org.dualpay.payment.refund.RefundMapper;
import org.dualpay.payment.refund.RefundRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Money a channel reported, signed, that disagrees with its attempt (amount, currency, channel, or a
 * second trade number for a paid attempt). It is never applied to the order. One global transaction:
 * the attempt, if still open, is closed (AT: its trade is spent, the active query stops asking about
 * it), and the amount the channel says it received is refunded on the channel that received it (TCC),
 * one refund per received payment; the shopper is told (PAYMENT_ANOMALY_REFUNDED).
 */
@Service
public class AnomalyPayments {

    private static final Logger log = LoggerFactory.getLogger(AnomalyPayments.class);

    private final PaymentLedger ledger;
    private final RefundMapper refunds;
    private final AnomalyRefundAction action;
    private final CompletionReport report;
    private final MeterRegistry meters;

    AnomalyPayments(PaymentLedger ledger, RefundMapper refunds, AnomalyRefundAction action, CompletionReport report,
            MeterRegistry meters) {
        this.ledger = ledger;
        this.refunds = refunds;
        this.action = action;
        this.report = report;
        this.meters = meters;
    }

    @GlobalTransactional(name = "refund-anomaly", timeoutMills = 30_000, rollbackFor = Exception.class)
    public ConfirmOutcome refund(PaymentNotice notice, String anomaly) {
        String paymentKey = AnomalyRefundAction.paymentKey(notice.channel().name(), notice.channelTradeNo());
        RefundRow existing = refunds.findByPayment(paymentKey);
        if (existing != null && existing.status != RefundStatus.CANCELLED) {
            return ConfirmOutcome.ALREADY_CONFIRMED;
        }
        ledger.closeForAnomaly(notice.outTradeNo(), anomaly);
        action.prepare(null, Ids.next("RF"), paymentKey, notice.outTradeNo(), notice.channel().name(),
                notice.amount());
        report.onCompletion("refund-anomaly", ConfirmOutcome.ANOMALY_REFUNDED, notice);
        meters.counter("dualpay.payments.unapplied", "reason", "PAYMENT_ANOMALY").increment();
        log.warn("anomaly {} {} of {} ({} fen): {}; refunding it", notice.channel(), notice.channelTradeNo(),
                notice.outTradeNo(), notice.amount(), anomaly);
        return ConfirmOutcome.ANOMALY_REFUNDED;
    }
}
