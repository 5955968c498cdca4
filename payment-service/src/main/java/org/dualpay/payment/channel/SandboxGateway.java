package org.dualpay.payment.channel;

import java.util.Optional;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.PaymentNotice;

/** A channel's API as the sandbox's plain JSON paths offer it (the same for both channels). */
final class SandboxGateway implements ChannelGateway {

    private final Channel channel;
    private final SandboxApi api;

    SandboxGateway(Channel channel, SandboxApi api) {
        this.channel = channel;
        this.api = api;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public CreatedTrade createTrade(TradeRequest request) {
        return api.create(request);
    }

    @Override
    public CloseResult close(String outTradeNo) {
        return api.close(outTradeNo);
    }

    @Override
    public Optional<PaymentNotice> queryPaid(String outTradeNo) {
        SandboxApi.TradeView trade = api.query(outTradeNo);
        if (trade == null || !"SUCCESS".equals(trade.status())) {
            return Optional.empty();
        }
        return Optional.of(new PaymentNotice(channel, "QUERY-" + trade.channelTradeNo(), outTradeNo,
                trade.channelTradeNo(), trade.amount(), trade.paidAt()));
    }

    @Override
    public RefundState refund(String refundNo, String outTradeNo, long amount) {
        return state("refund", api.refund(refundNo, outTradeNo, amount));
    }

    @Override
    public RefundState queryRefund(String refundNo, String outTradeNo) {
        return state("query refund", api.queryRefund(refundNo));
    }

    /** An answer without a status, or with one we do not know, is a failure of the call (and counted). */
    private static RefundState state(String what, SandboxApi.RefundView view) {
        if (view == null || view.status() == null) {
            throw new ChannelUnavailableException(what + " answered without a refund status", null);
        }
        try {
            return RefundState.valueOf(view.status());
        } catch (IllegalArgumentException e) {
            throw new ChannelUnavailableException(what + " answered an unknown refund status " + view.status(), e);
        }
    }
}
