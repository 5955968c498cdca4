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

    @Override
    public CloseResult close(String outTradeNo) {
        if (api.query(outTradeNo) == null) {
            return CloseResult.UNKNOWN_TRADE;
        }
        return api.close(outTradeNo) ? CloseResult.CLOSED : CloseResult.ALREADY_PAID;
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
        return RefundState.valueOf(api.refund(refundNo, outTradeNo, amount).status());
    }

    @Override
    public RefundState queryRefund(String refundNo) {
        return RefundState.valueOf(api.queryRefund(refundNo).status());
    }
}
