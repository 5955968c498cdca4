package org.dualpay.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicUrl the base of the pay URLs handed to shoppers
 * @param channels per channel, the secret its notifies are signed with
 * @param delivery the notify retry schedule (delays after the first attempt) and the per-call timeout
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(String publicUrl, Map<Channel, ChannelSettings> channels, Delivery delivery) {

    public record ChannelSettings(String secret) {
    }

    public record Delivery(List<Duration> retryDelays, Duration timeout) {
    }

    public String secret(Channel channel) {
        return channels.get(channel).secret();
    }
}
