package org.dualpay.payment.refund;

import java.time.Clock;
import java.time.Instant;

import io.seata.rm.tcc.api.BusinessActionContext;
import io.seata.rm.tcc.api.BusinessActionContextParameter;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.RefundReason;
import org.dualpay.payment.domain.RefundStatus;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.NotificationMapper;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.dualpay.payment.infrastructure.RefundMapper;
import org.dualpay.payment.infrastructure.RefundRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The TCC phases of {@link RefundAction}. Seata runs the try inside the fence's local transaction
 * and each phase two in its own; the SQL here is plain (not AT), since the branch type is TCC.
 * The parameters are annotated here too: with them only on the interface, the io.seata 2.0.0 client
 * left them out of the context that phase two sees.
 */
@Component
public class RefundTcc implements RefundAction {

    public static final String FAULT_TRY = "payment.refund.try";
    public static final String FAULT_CONFIRM = "payment.refund.confirm";
    public static final String FAULT_CANCEL = "payment.refund.cancel";

    private static final Logger log = LoggerFactory.getLogger(RefundTcc.class);

    private final RefundMapper refunds;
    private final AttemptMapper attempts;
    private final PaymentMapper payments;
    private final NotificationMapper notifications;
    private final FaultPoints faults;
    private final Clock clock;

    public RefundTcc(RefundMapper refunds, AttemptMapper attempts, PaymentMapper payments,
            NotificationMapper notifications, FaultPoints faults, Clock clock) {
        this.refunds = refunds;
        this.attempts = attempts;
        this.payments = payments;
        this.notifications = notifications;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public boolean prepare(BusinessActionContext context,
            @BusinessActionContextParameter(paramName = "refundNo") String refundNo,
            @BusinessActionContextParameter(paramName = "outTradeNo") String outTradeNo,
            @BusinessActionContextParameter(paramName = "reason") String reason) {
        faults.hit(FAULT_TRY);
        AttemptRow attempt = attempts.find(outTradeNo);
        if (attempt == null || !AttemptStatus.SUCCESS.name().equals(attempt.status)) {
            throw new IllegalStateException("attempt " + outTradeNo + " has no money to refund");
        }
        Instant now = clock.instant();
        RefundRow row = new RefundRow();
        row.refundNo = refundNo;
        row.outTradeNo = outTradeNo;
        row.orderNo = attempt.orderNo;
        row.userId = payments.find(attempt.payNo).userId;
        row.channel = attempt.channel;
        row.amount = attempt.amount;
        row.reason = reason;
        row.status = RefundStatus.TRYING.name();
        row.nextAttemptAt = now;
        row.xid = context.getXid();
        row.createdAt = now;
        row.updatedAt = now;
        try {
            // Insert first: a locking read of a row that does not exist yet takes a gap lock, and two
            // such tries deadlock on their inserts.
            refunds.insert(row);
        } catch (DuplicateKeyException exists) {
            RefundRow existing = refunds.lockByAttempt(outTradeNo);
            if (refunds.revive(existing.refundNo, reason, context.getXid(), now) != 1) {
                throw new IllegalStateException("attempt " + outTradeNo + " already has refund " + existing.refundNo
                        + " (" + existing.status + ")");
            }
        }
        log.info("refund of {} tried: {} fen, {}, xid={}", outTradeNo, attempt.amount, reason, context.getXid());
        return true;
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        faults.hit(FAULT_CONFIRM);
        RefundRow refund = leaveTrying(context, RefundStatus.PENDING);
        if (refund != null) {
            RefundReason reason = RefundReason.valueOf(refund.reason);
            notifications.insert(refund.userId, reason.noticeKind(), refund.orderNo, refund.refundNo, refund.channel,
                    refund.amount, refund.reason, reason.message(), clock.instant());
            log.info("refund {} of {} confirmed: handed to the dispatcher, xid={}", refund.refundNo,
                    refund.outTradeNo, context.getXid());
        }
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        faults.hit(FAULT_CANCEL);
        RefundRow refund = leaveTrying(context, RefundStatus.CANCELLED);
        if (refund != null) {
            log.info("refund {} of {} cancelled: the amount is released, xid={}", refund.refundNo, refund.outTradeNo,
                    context.getXid());
        }
        return true;
    }

    /** Phase two: the attempt's refund leaves TRYING for {@code to}; null when it was not TRYING. */
    private RefundRow leaveTrying(BusinessActionContext context, RefundStatus to) {
        RefundRow refund = refunds.lockByAttempt(context.getActionContext("outTradeNo", String.class));
        Instant now = clock.instant();
        boolean moved = refund != null
                && refunds.move(refund.refundNo, RefundStatus.TRYING.name(), to.name(), now, now) == 1;
        return moved ? refund : null;
    }
}
