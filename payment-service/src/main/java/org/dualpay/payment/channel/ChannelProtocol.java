package org.dualpay.payment.channel;

import org.dualpay.common.channel.Channel;

/**
 * How one channel speaks to us: it verifies the channel's notifies and answers them in the channel's
 * own format. Plain Java: nothing of the web framework, so it can be tested and measured on its own.
 */
public interface ChannelProtocol {

    Channel channel();

    /** Checks a notify's signature, timestamp and shape. Nothing about our own records is checked here. */
    NotifyCheck verify(InboundNotify notify);

    /** The answer this channel understands as "received, stop retrying". */
    NotifyAnswer acknowledge();

    /** The answer this channel understands as "not accepted, retry" (or, for a refusal, "rejected"). */
    NotifyAnswer reject(int status, String message);
}
