package org.dualpay.payment.refund;

import io.seata.rm.tcc.api.BusinessActionContext;
import io.seata.rm.tcc.api.BusinessActionContextParameter;
import io.seata.rm.tcc.api.LocalTCC;
import io.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * Giving back money a channel reported for one of our trades that disagrees with its attempt (amount,
 * currency or channel): the amount the channel says it received, on the channel that received it. A
 * TCC branch like {@link RefundAction}, one refund per received payment (its {@code paymentKey},
 * {@code ANOMALY:<channel>:<channel trade no>}).
 */
@LocalTCC
public interface AnomalyRefundAction {

    String NAME = "refund-anomaly";

    static String paymentKey(String channel, String channelTradeNo) {
        return "ANOMALY:" + channel + ":" + channelTradeNo;
    }

    @TwoPhaseBusinessAction(name = NAME, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    boolean prepare(BusinessActionContext context,
            @BusinessActionContextParameter(paramName = "refundNo") String refundNo,
            @BusinessActionContextParameter(paramName = "paymentKey") String paymentKey,
            @BusinessActionContextParameter(paramName = "outTradeNo") String outTradeNo,
            @BusinessActionContextParameter(paramName = "channel") String channel,
            @BusinessActionContextParameter(paramName = "amount") long amount);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
