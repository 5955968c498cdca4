package org.dualpay.cluster;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.money.Money;
import org.dualpay.common.signing.NotifySignatures;
import org.dualpay.common.signing.PlatformKeys;

/**
 * Notifies as a channel would send them (WeChat Pay: signed SHA256withRSA, the transaction encrypted
 * AES-256-GCM; Alipay: signed RSA2), with the cluster's platform keys or a forger's, for scenarios
 * that play the channel themselves: duplicates delivered at once, forged signatures, altered amounts.
 */
final class SignedNotifies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(BEIJING);

    /** What a channel says about a paid trade. */
    record Paid(String channel, String outTradeNo, String channelTradeNo, long amount, Instant paidAt) {
    }

    record Request(String contentType, String body, Map<String, String> headers) {
    }

    private SignedNotifies() {
    }

    static Request signed(Paid paid, PlatformKeys keys) {
        return signed(paid, keys, Instant.now());
    }

    static Request signed(Paid paid, PlatformKeys keys, Instant sentAt) {
        return signed(paid, keys, sentAt, NotifySignatures.nonce(32));
    }

    /**
     * With the request's nonce given (WeChat's {@code Wechatpay-Nonce}; an Alipay notify's id is always
     * {@code N-<channel trade no>}, the same across its redeliveries, as Alipay's is).
     */
    static Request signed(Paid paid, PlatformKeys keys, Instant sentAt, String nonce) {
        return paid.channel().equals("WECHAT") ? wechat(paid, keys, sentAt, nonce) : alipay(paid, keys, sentAt);
    }

    private static Request wechat(Paid paid, PlatformKeys keys, Instant sentAt, String nonce) {
        String transaction = "{\"out_trade_no\":\"" + paid.outTradeNo() + "\",\"transaction_id\":\""
                + paid.channelTradeNo() + "\",\"trade_state\":\"SUCCESS\",\"trade_type\":\"NATIVE\","
                + "\"amount\":{\"total\":" + paid.amount() + ",\"currency\":\"CNY\"},\"success_time\":\""
                + paid.paidAt().atZone(BEIJING).toOffsetDateTime() + "\"}";
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("id", "EV-" + paid.channelTradeNo(), "event_type", "TRANSACTION.SUCCESS",
                    "resource_type", "encrypt-resource", "resource",
                    NotifySignatures.wechatResource(keys.apiV3Key(), "transaction", "transaction", transaction)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String timestamp = Long.toString(sentAt.getEpochSecond());
        Map<String, String> headers = NotifySignatures.wechatHeaders(keys.wechat(), keys.wechatKeyId(), timestamp,
                nonce, body);
        return new Request("application/json", body, headers);
    }

    private static Request alipay(Paid paid, PlatformKeys keys, Instant sentAt) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notify_id", "N-" + paid.channelTradeNo());
        form.put("notify_time", ALIPAY_TIME.format(sentAt));
        form.put("notify_type", "trade_status_sync");
        form.put("out_trade_no", paid.outTradeNo());
        form.put("trade_no", paid.channelTradeNo());
        form.put("trade_status", "TRADE_SUCCESS");
        form.put("total_amount", Money.toYuan(paid.amount()));
        form.put("gmt_payment", ALIPAY_TIME.format(paid.paidAt()));
        String body = NotifySignatures.alipayForm(keys.alipay(), form);
        return new Request("application/x-www-form-urlencoded", body, Map.of());
    }

    /** Whether the merchant's answer means "received" in the channel's terms. */
    static boolean acknowledged(String channel, Cluster.Answer answer) {
        return channel.equals("WECHAT") ? answer.status() / 100 == 2
                : answer.status() == 200 && answer.body().trim().equals("success");
    }
}
