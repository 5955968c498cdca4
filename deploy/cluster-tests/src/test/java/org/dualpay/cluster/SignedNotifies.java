package org.dualpay.cluster;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.dualpay.common.money.Money;
import org.dualpay.common.signing.NotifySignatures;

/**
 * Notifies as a channel would send them, for scenarios that play the channel themselves: duplicates
 * delivered at once, forged signatures, altered amounts.
 */
final class SignedNotifies {

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

    static Request signed(Paid paid, String secret) {
        return signed(paid, secret, Instant.now());
    }

    static Request signed(Paid paid, String secret, Instant sentAt) {
        return signed(paid, secret, sentAt, UUID.randomUUID().toString());
    }

    /**
     * With the request's nonce given (WeChat's {@code Wechatpay-Nonce}; an Alipay notify's id is always
     * {@code N-<channel trade no>}, the same across its redeliveries, as Alipay's is).
     */
    static Request signed(Paid paid, String secret, Instant sentAt, String nonce) {
        return paid.channel().equals("WECHAT") ? wechat(paid, secret, sentAt, nonce) : alipay(paid, secret, sentAt);
    }

    private static Request wechat(Paid paid, String secret, Instant sentAt, String nonce) {
        String body = "{\"id\":\"EV-" + paid.channelTradeNo() + "\",\"event_type\":\"TRANSACTION.SUCCESS\","
                + "\"resource_type\":\"plain-resource\",\"resource\":{\"out_trade_no\":\"" + paid.outTradeNo()
                + "\",\"transaction_id\":\"" + paid.channelTradeNo() + "\",\"trade_state\":\"SUCCESS\","
                + "\"amount\":{\"total\":" + paid.amount() + ",\"currency\":\"CNY\"},\"success_time\":\""
                + paid.paidAt().atZone(BEIJING).toOffsetDateTime() + "\"}}";
        String timestamp = Long.toString(sentAt.getEpochSecond());
        Map<String, String> headers = NotifySignatures.wechatHeaders(secret, timestamp, nonce, body);
        return new Request("application/json", body, headers);
    }

    private static Request alipay(Paid paid, String secret, Instant sentAt) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notify_id", "N-" + paid.channelTradeNo());
        form.put("notify_time", ALIPAY_TIME.format(sentAt));
        form.put("notify_type", "trade_status_sync");
        form.put("out_trade_no", paid.outTradeNo());
        form.put("trade_no", paid.channelTradeNo());
        form.put("trade_status", "TRADE_SUCCESS");
        form.put("total_amount", Money.toYuan(paid.amount()));
        form.put("gmt_payment", ALIPAY_TIME.format(paid.paidAt()));
        String body = NotifySignatures.alipayForm(secret, form);
        return new Request("application/x-www-form-urlencoded", body, Map.of());
    }

    /** Whether the merchant's answer means "received" in the channel's terms. */
    static boolean acknowledged(String channel, Cluster.Answer answer) {
        return channel.equals("WECHAT") ? answer.status() / 100 == 2
                : answer.status() == 200 && answer.body().trim().equals("success");
    }
}
