package org.dualpay.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl the base of the pay URLs handed to shoppers
 * @param channels per channel, the platform's keys its notifies are signed (and encrypted) with
 * @param delivery the notify retry schedule (delays after the first attempt) and the per-call timeout
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(String publicUrl, Map<Channel, ChannelSettings> channels, Delivery delivery) {

    /**
     * @param platformPrivateKey the platform's private key (Base64 of PKCS#8 DER, or PEM); none: one is
     *     generated at start-up (its public key then printed and served at {@code /sandbox/{channel}/platform-key})
     * @param platformKeyId WeChat Pay: the id of the platform key, sent as {@code Wechatpay-Serial}
     * @param apiV3Key WeChat Pay: the merchant's APIv3 key (32 characters) resources are encrypted with
     * @param merchantPublicKey the merchant's public key (Base64 of X.509 DER, or PEM) its API requests are
     *     checked with; none: every API request is refused
     * @param merchantId WeChat Pay: the merchant's {@code mchid}; Alipay: the merchant's {@code app_id}
     * @param merchantSerial WeChat Pay: the serial of the merchant's certificate, named in its requests
     */
    public record ChannelSettings(String platformPrivateKey, @DefaultValue("PUB_KEY_ID_SANDBOX") String platformKeyId,
            String apiV3Key, String merchantPublicKey, String merchantId, String merchantSerial) {
    }

    public record Delivery(List<Duration> retryDelays, Duration timeout) {
    }

    public ChannelSettings settings(Channel channel) {
        ChannelSettings settings = channels == null ? null : channels.get(channel);
        return settings == null ? new ChannelSettings(null, "PUB_KEY_ID_SANDBOX", null, null, null, null) : settings;
    }
}
