package org.dualpay.payment.channel;

import java.util.Optional;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.PaymentNotice;

/** The channel API part of an adapter, the same for both channels of the sandbox. */
abstract class SandboxChannel implements PaymentChannel {

    private final Channel channel;
    private final SandboxApi api;

    SandboxChannel(Channel channel, ChannelProperties properties) {
        this.channel = channel;
        this.api = new SandboxApi(properties, properties.endpoint(channel));
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public CreatedTrade createTrade(TradeRequest request) {
        return api.create(request);
    }

    /** Always asks the channel to close, even a trade it may not know: a closed trade can never be paid. */
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
    public RefundState queryRefund(String refundNo) {
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
