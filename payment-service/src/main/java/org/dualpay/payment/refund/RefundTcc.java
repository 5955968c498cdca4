package org.dualpay.payment.refund;

import io.seata.rm.tcc.api.BusinessActionContext;
import io.seata.rm.tcc.api.BusinessActionContextParameter;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.payment.PaymentFaultPoint;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.springframework.stereotype.Component;

/**
 * The TCC phases of {@link RefundAction}. Seata runs the try inside the fence's local transaction
 * and each phase two in its own; the SQL here is plain (not AT), since the branch type is TCC.
 * The parameters are annotated here too: with them only on the interface, the io.seata 2.0.0 client
 * left them out of the context that phase two sees.
 */
@Component
public class RefundTcc implements RefundAction {

    private final AttemptMapper attempts;
    private final PaymentMapper payments;
    private final RefundRecords records;
    private final FaultPoints faults;

    public RefundTcc(AttemptMapper attempts, PaymentMapper payments, RefundRecords records, FaultPoints faults) {
        this.attempts = attempts;
        this.payments = payments;
        this.records = records;
        this.faults = faults;
    }

    @Override
    public boolean prepare(BusinessActionContext context,
            @BusinessActionContextParameter(paramName = "refundNo") String refundNo,
            @BusinessActionContextParameter(paramName = "outTradeNo") String outTradeNo,
            @BusinessActionContextParameter(paramName = "reason") String reason) {
        faults.hit(PaymentFaultPoint.REFUND_TRY);
        AttemptRow attempt = attempts.find(outTradeNo);
        if (attempt == null || attempt.status != AttemptStatus.SUCCESS) {
            throw new IllegalStateException("attempt " + outTradeNo + " has no money to refund");
        }
        RefundRow row = new RefundRow();
        row.refundNo = refundNo;
        row.outTradeNo = outTradeNo;
        row.paymentKey = outTradeNo;
        row.orderNo = attempt.orderNo;
        row.userId = payments.find(attempt.payNo).userId;
        row.channel = attempt.channel;
        row.amount = attempt.amount;
        row.reason = RefundReason.valueOf(reason);
        records.freeze(row, context.getXid());
        return true;
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        faults.hit(PaymentFaultPoint.REFUND_CONFIRM);
        records.confirm(context.getActionContext("outTradeNo", String.class), context.getXid());
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        faults.hit(PaymentFaultPoint.REFUND_CANCEL);
        records.cancel(context.getActionContext("outTradeNo", String.class), context.getXid());
        return true;
    }
}
