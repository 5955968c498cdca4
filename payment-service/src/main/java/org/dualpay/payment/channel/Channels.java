package org.dualpay.payment.channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.springframework.stereotype.Component;

/** The adapter of each channel. */
@Component
public class Channels {

    private final Map<Channel, PaymentChannel> byChannel = new EnumMap<>(Channel.class);

    public Channels(List<PaymentChannel> channels) {
        channels.forEach(channel -> byChannel.put(channel.channel(), channel));
        for (Channel channel : Channel.values()) {
            if (!byChannel.containsKey(channel)) {
                throw new IllegalStateException("no adapter for channel " + channel);
            }
        }
    }

    public PaymentChannel get(Channel channel) {
        return byChannel.get(channel);
    }
}
