package org.dualpay.sandbox;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.EnumMap;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.Keys;
import org.dualpay.common.signing.PlatformKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The platforms' keys: loaded from the settings (the local cluster and compose generate them per
 * cluster), or generated at start-up when none is given. The public halves are what merchants are
 * given ({@code GET /sandbox/{channel}/platform-key}).
 */
@Component
class PlatformKeyring {

    /** A channel's public key as the merchant configures it. */
    record PublicPart(Channel channel, String keyId, String publicKey) {
    }

    private static final Logger log = LoggerFactory.getLogger(PlatformKeyring.class);

    private final Map<Channel, KeyPair> pairs = new EnumMap<>(Channel.class);
    private final Map<Channel, PublicKey> merchantKeys = new EnumMap<>(Channel.class);
    private final PlatformKeys keys;
    private final String wechatKeyId;

    PlatformKeyring(SandboxProperties properties) {
        for (Channel channel : Channel.values()) {
            String text = properties.settings(channel).platformPrivateKey();
            KeyPair pair;
            if (text == null || text.isBlank()) {
                pair = Keys.generate();
                log.warn("{} platform key generated at start-up (none configured); its public key: {}", channel,
                        Keys.text(pair.getPublic()));
            } else {
                PrivateKey privateKey = Keys.privateKey(text);
                pair = new KeyPair(publicOf(privateKey), privateKey);
            }
            pairs.put(channel, pair);
            String merchant = properties.settings(channel).merchantPublicKey();
            if (merchant == null || merchant.isBlank()) {
                log.warn("{} merchant public key not configured: every API request will be refused", channel);
            } else {
                merchantKeys.put(channel, Keys.publicKey(merchant));
            }
        }
        String apiV3Key = properties.settings(Channel.WECHAT).apiV3Key();
        if (apiV3Key == null || apiV3Key.length() != 32) {
            throw new IllegalStateException("sandbox.channels.WECHAT.api-v3-key must be 32 characters "
                    + "(WECHAT_APIV3_KEY, the same as payment-service's)");
        }
        this.wechatKeyId = properties.settings(Channel.WECHAT).platformKeyId();
        this.keys = new PlatformKeys(pairs.get(Channel.WECHAT).getPrivate(), wechatKeyId, apiV3Key,
                pairs.get(Channel.ALIPAY).getPrivate());
    }

    PlatformKeys keys() {
        return keys;
    }

    /** The merchant's public key its API requests are checked with, or null when none is configured. */
    PublicKey merchantKey(Channel channel) {
        return merchantKeys.get(channel);
    }

    PublicPart publicPart(Channel channel) {
        return new PublicPart(channel, channel == Channel.WECHAT ? wechatKeyId : null,
                Keys.text(pairs.get(channel).getPublic()));
    }

    private static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("the platform key must carry its public exponent (PKCS#8 RSA)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
