package org.dualpay.payment.channel;

import java.time.Duration;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payment-service reaches each channel.
 *
 * @param endpoints per channel: where its API is, the notify URL we give it, and the keys its
 *     notifies are checked with
 * @param notifyWindow how far a notify's timestamp may be from our clock (replay and skew guard)
 * @param connectTimeout connect timeout of calls to a channel
 * @param readTimeout read timeout of calls to a channel
 */
@ConfigurationProperties("dualpay.channels")
public record ChannelProperties(Map<Channel, Endpoint> endpoints, @DefaultValue("5m") Duration notifyWindow,
        @DefaultValue("1s") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout) {

    /**
     * @param platformPublicKey the platform's public key (Base64 of X.509 DER, or PEM): WeChat Pay's
     *     public key ("微信支付公钥"), Alipay's public key ("支付宝公钥")
     * @param platformKeyId WeChat Pay: the id of that key, which the platform sends as {@code Wechatpay-Serial}
     * @param apiV3Key WeChat Pay: the merchant's APIv3 key (32 characters), which notifies are encrypted with
     * @param baseUrl where the channel's API is: WeChat Pay its host ({@code https://api.mch.weixin.qq.com},
     *     or the sandbox's), Alipay its gateway ({@code https://openapi.alipay.com/gateway.do}, or the sandbox's)
     * @param merchantPrivateKey the merchant's private key (Base64 of PKCS#8 DER, or PEM) our API requests
     *     are signed with ("商户API私钥", Alipay's "应用私钥")
     * @param merchantId WeChat Pay: our {@code mchid}; Alipay: our {@code app_id}
     * @param merchantSerial WeChat Pay: the serial of our merchant certificate
     * @param appId WeChat Pay: the app id trades are opened for
     */
    public record Endpoint(String baseUrl, String notifyUrl, String platformPublicKey,
            @DefaultValue("PUB_KEY_ID_SANDBOX") String platformKeyId, String apiV3Key, String merchantPrivateKey,
            String merchantId, String merchantSerial, String appId) {
    }

    public Endpoint endpoint(Channel channel) {
        Endpoint endpoint = endpoints == null ? null : endpoints.get(channel);
        if (endpoint == null || endpoint.platformPublicKey() == null || endpoint.platformPublicKey().isBlank()) {
            throw new IllegalStateException("dualpay.channels.endpoints." + channel + ".platform-public-key is not set");
        }
        if (endpoint.merchantPrivateKey() == null || endpoint.merchantPrivateKey().isBlank()
                || endpoint.merchantId() == null || endpoint.merchantId().isBlank()) {
            throw new IllegalStateException("dualpay.channels.endpoints." + channel
                    + ".merchant-private-key and merchant-id must be set");
        }
        if (channel == Channel.WECHAT && (endpoint.apiV3Key() == null || endpoint.apiV3Key().length() != 32)) {
            throw new IllegalStateException("dualpay.channels.endpoints.WECHAT.api-v3-key must be 32 characters");
        }
        return endpoint;
    }
}
