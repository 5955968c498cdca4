package org.dualpay.payment.refund;

import io.seata.rm.tcc.api.BusinessActionContext;
import io.seata.rm.tcc.api.BusinessActionContextParameter;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.payment.PaymentFaultPoint;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.springframework.stereotype.Component;

/** The TCC phases of {@link AnomalyRefundAction}; the same fault points as {@link RefundTcc}. */
@Component
public class AnomalyRefundTcc implements AnomalyRefundAction {

    private final AttemptMapper attempts;
    private final PaymentMapper payments;
    private final RefundRecords records;
    private final FaultPoints faults;

    public AnomalyRefundTcc(AttemptMapper attempts, PaymentMapper payments, RefundRecords records,
            FaultPoints faults) {
        this.attempts = attempts;
        this.payments = payments;
        this.records = records;
        this.faults = faults;
    }

    @Override
    public boolean prepare(BusinessActionContext context,
            @BusinessActionContextParameter(paramName = "refundNo") String refundNo,
            @BusinessActionContextParameter(paramName = "paymentKey") String paymentKey,
            @BusinessActionContextParameter(paramName = "outTradeNo") String outTradeNo,
            @BusinessActionContextParameter(paramName = "channel") String channel,
            @BusinessActionContextParameter(paramName = "amount") long amount) {
        faults.hit(PaymentFaultPoint.REFUND_TRY);
        AttemptRow attempt = attempts.find(outTradeNo);
        if (attempt == null) {
            throw new IllegalStateException("no attempt " + outTradeNo + " to tell an anomaly's refund to");
        }
        RefundRow row = new RefundRow();
        row.refundNo = refundNo;
        row.outTradeNo = outTradeNo;
        row.paymentKey = paymentKey;
        row.orderNo = attempt.orderNo;
        row.userId = payments.find(attempt.payNo).userId;
        row.channel = Channel.valueOf(channel);
        row.amount = amount;
        row.reason = RefundReason.PAYMENT_ANOMALY;
        records.freeze(row, context.getXid());
        return true;
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        faults.hit(PaymentFaultPoint.REFUND_CONFIRM);
        records.confirm(context.getActionContext("paymentKey", String.class), context.getXid());
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        faults.hit(PaymentFaultPoint.REFUND_CANCEL);
        records.cancel(context.getActionContext("paymentKey", String.class), context.getXid());
        return true;
    }
}
