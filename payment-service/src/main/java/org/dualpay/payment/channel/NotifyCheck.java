package org.dualpay.payment.channel;

import org.dualpay.payment.domain.NotifyRefusal;
import org.dualpay.payment.domain.PaymentNotice;

/** The result of verifying a notify. */
public sealed interface NotifyCheck {

    /**
     * Genuine, and it says money arrived.
     *
     * @param nonce what the channel never uses for two different notices (WeChat: the request's nonce;
     *     Alipay: the notify id, the same across its redeliveries); seen again with another notice, the
     *     request is a replay
     */
    record Verified(PaymentNotice notice, String nonce) implements NotifyCheck {
    }

    /**
     * Genuine, and it says how one of our refunds ended (WeChat's {@code REFUND.*} notifies): applied as the
     * answer to a refund query would be.
     */
    record RefundReported(String refundNo, String outTradeNo, ChannelGateway.RefundState state, String eventType)
            implements NotifyCheck {
    }

    /** Genuine, but about something other than a successful payment or a refund: acknowledged and ignored. */
    record NotAPayment(String eventType) implements NotifyCheck {
    }

    /** Not to be trusted: never processed. {@code reason} is a stable code for counting. */
    record Refused(NotifyRefusal reason, String detail) implements NotifyCheck {
    }
}
