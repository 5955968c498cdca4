package org.dualpay.bench;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.signing.NotifySignatures;
import org.dualpay.common.signing.PlatformKeys;

/**
 * WeChat Pay's TRANSACTION.SUCCESS notify for a trade, as the platform makes it (the transaction
 * AES-256-GCM under the APIv3 key, the request SHA256withRSA with the platform's key), made before the
 * measured window opens so that the load generator spends its time sending, not signing.
 */
final class WechatNotifies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** A notify ready to send. */
    record Signed(String body, Map<String, String> headers) {
    }

    private final PlatformKeys keys;

    WechatNotifies(Map<String, String> env) {
        this.keys = PlatformKeys.of(Shop.required(env, "WECHAT_PLATFORM_PRIVATE_KEY"),
                env.getOrDefault("WECHAT_PLATFORM_KEY_ID", "PUB_KEY_ID_SANDBOX"), Shop.required(env, "WECHAT_APIV3_KEY"),
                Shop.required(env, "ALIPAY_PLATFORM_PRIVATE_KEY"));
    }

    /** The channel's word that {@code trade} was paid as {@code channelTradeNo}; a fresh nonce each call. */
    Signed paid(Shop.Trade trade, String channelTradeNo) {
        Instant now = Instant.now();
        String transaction = "{\"out_trade_no\":\"" + trade.outTradeNo() + "\",\"transaction_id\":\"" + channelTradeNo
                + "\",\"trade_state\":\"SUCCESS\",\"trade_type\":\"NATIVE\",\"amount\":{\"total\":" + trade.amount()
                + ",\"currency\":\"CNY\"},\"success_time\":\"" + now.atZone(BEIJING).toOffsetDateTime().withNano(0)
                + "\"}";
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("id", "EV-" + channelTradeNo, "event_type", "TRANSACTION.SUCCESS",
                    "resource_type", "encrypt-resource", "resource",
                    NotifySignatures.wechatResource(keys.apiV3Key(), "transaction", "transaction", transaction)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Signed(body, NotifySignatures.wechatHeaders(keys.wechat(), keys.wechatKeyId(),
                Long.toString(now.getEpochSecond()), NotifySignatures.nonce(32), body));
    }
}
