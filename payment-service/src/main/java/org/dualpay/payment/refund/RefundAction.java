package org.dualpay.payment.refund;

import io.seata.rm.tcc.api.BusinessActionContext;
import io.seata.rm.tcc.api.BusinessActionContextParameter;
import io.seata.rm.tcc.api.LocalTCC;
import io.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * Giving back the money of one successful attempt, as a Seata TCC branch with the TCC fence.
 *
 * <ul>
 *   <li>try ({@link #prepare}): record the refund as TRYING. The row is the freeze: one refund per
 *       attempt (a unique key), for the attempt's whole amount, so frozen plus refunded never exceeds
 *       what was paid; nothing reaches the channel yet.
 *   <li>confirm: TRYING -> PENDING, which hands the refund to the dispatcher; the shopper is told.
 *   <li>cancel: TRYING -> CANCELLED, which releases the attempt's amount.
 * </ul>
 *
 * The fence ({@code tcc_fence_log}) makes a cancel that arrives before its try an empty rollback, refuses
 * a try that arrives after its cancel (suspension), and runs each phase two once.
 */
@LocalTCC
public interface RefundAction {

    String NAME = "refund-attempt";

    @TwoPhaseBusinessAction(name = NAME, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    boolean prepare(BusinessActionContext context,
            @BusinessActionContextParameter(paramName = "refundNo") String refundNo,
            @BusinessActionContextParameter(paramName = "outTradeNo") String outTradeNo,
            @BusinessActionContextParameter(paramName = "reason") String reason);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
