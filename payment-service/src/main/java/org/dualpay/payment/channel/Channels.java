package org.dualpay.payment.channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dualpay.common.channel.Channel;

/** Each channel's protocol (its notifies) and gateway (its API), composed per channel. */
public final class Channels {

    private final Map<Channel, ChannelProtocol> protocols = new EnumMap<>(Channel.class);
    private final Map<Channel, ChannelGateway> gateways = new EnumMap<>(Channel.class);

    public Channels(List<ChannelProtocol> protocols, List<ChannelGateway> gateways) {
        protocols.forEach(protocol -> this.protocols.put(protocol.channel(), protocol));
        gateways.forEach(gateway -> this.gateways.put(gateway.channel(), gateway));
        for (Channel channel : Channel.values()) {
            if (!this.protocols.containsKey(channel) || !this.gateways.containsKey(channel)) {
                throw new IllegalStateException("no protocol or gateway for channel " + channel);
            }
        }
    }

    public ChannelProtocol protocol(Channel channel) {
        return protocols.get(channel);
    }

    public ChannelGateway gateway(Channel channel) {
        return gateways.get(channel);
    }
}
