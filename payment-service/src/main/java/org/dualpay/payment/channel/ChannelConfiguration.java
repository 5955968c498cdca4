package org.dualpay.payment.channel;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.Keys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds each channel from its settings: a protocol and a gateway, composed in {@link Channels}. */
@Configuration
class ChannelConfiguration {

    @Bean
    Channels channels(ChannelProperties properties, ObjectMapper json, Clock clock) {
        ChannelProperties.Endpoint wechat = properties.endpoint(Channel.WECHAT);
        ChannelProperties.Endpoint alipay = properties.endpoint(Channel.ALIPAY);
        return new Channels(
                List.of(new WechatProtocol(Keys.publicKey(wechat.platformPublicKey()), wechat.platformKeyId(),
                                wechat.apiV3Key(), properties.notifyWindow(), json, clock),
                        new AlipayProtocol(Keys.text(Keys.publicKey(alipay.platformPublicKey())),
                                properties.notifyWindow(), clock)),
                List.of(new WechatGateway(wechat, properties.connectTimeout(), properties.readTimeout()),
                        new AlipayGateway(alipay, properties.connectTimeout(), properties.readTimeout())));
    }
}
