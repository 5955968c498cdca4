package org.dualpay.common.signing;

import java.security.KeyPair;
import java.security.PrivateKey;

/**
 * What a channel platform signs its notifies with: WeChat Pay's platform key (and the id it names it
 * by, sent as {@code Wechatpay-Serial}) and the merchant's APIv3 key it encrypts with; Alipay's
 * platform key. The sandbox holds them; cluster tests that play a channel hold them too.
 */
public record PlatformKeys(PrivateKey wechat, String wechatKeyId, String apiV3Key, PrivateKey alipay) {

    /** From the settings' text form ({@link Keys}). */
    public static PlatformKeys of(String wechatPrivateKey, String wechatKeyId, String apiV3Key,
            String alipayPrivateKey) {
        return new PlatformKeys(Keys.privateKey(wechatPrivateKey), wechatKeyId, apiV3Key,
                Keys.privateKey(alipayPrivateKey));
    }

    /** Keys no channel has: a forger's (right key id and APIv3 key, another private key). */
    public PlatformKeys forged() {
        KeyPair wechatPair = Keys.generate();
        KeyPair alipayPair = Keys.generate();
        return new PlatformKeys(wechatPair.getPrivate(), wechatKeyId, apiV3Key, alipayPair.getPrivate());
    }
}
