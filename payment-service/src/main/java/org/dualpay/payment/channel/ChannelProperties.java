package org.dualpay.payment.channel;

import java.time.Duration;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payment-service reaches each channel.
 *
 * @param endpoints per channel: where its API is, the notify URL we give it, and the shared secret
 *     its notifies are signed with
 * @param notifyWindow how far a notify's timestamp may be from our clock (replay and skew guard)
 * @param connectTimeout connect timeout of calls to a channel
 * @param readTimeout read timeout of calls to a channel
 */
@ConfigurationProperties("dualpay.channels")
public record ChannelProperties(Map<Channel, Endpoint> endpoints, @DefaultValue("5m") Duration notifyWindow,
        @DefaultValue("1s") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout) {

    public record Endpoint(String baseUrl, String notifyUrl, String secret) {
    }

    public Endpoint endpoint(Channel channel) {
        Endpoint endpoint = endpoints == null ? null : endpoints.get(channel);
        if (endpoint == null || endpoint.secret() == null || endpoint.secret().isBlank()) {
            throw new IllegalStateException("dualpay.channels.endpoints." + channel + " is not configured");
        }
        return endpoint;
    }
}
