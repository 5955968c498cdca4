package org.dualpay.sandbox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.money.Money;
import org.dualpay.common.signing.NotifySignatures;
import org.dualpay.common.signing.PlatformKeys;

/**
 * Builds a signed notify for a paid trade, in its channel's shape and as its platform signs it:
 * WeChat Pay's event with the transaction encrypted (AES-256-GCM, APIv3 key) and the request signed
 * (SHA256withRSA, platform key) in {@code Wechatpay-*} headers; Alipay's form signed RSA2. Every
 * delivery attempt is signed afresh (new timestamp, new nonce), as the real channels do; the notify
 * id stays the same.
 */
final class NotifyMessages {

    /** An HTTP request to send: headers and a body with its content type. */
    record Message(Map<String, String> headers, String contentType, String body) {
    }

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(BEIJING);

    private final ObjectMapper json;

    NotifyMessages(ObjectMapper json) {
        this.json = json;
    }

    Message build(Trade.View trade, PlatformKeys keys, Instant now) {
        return switch (trade.channel()) {
            case WECHAT -> wechat(trade, keys, now);
            case ALIPAY -> alipay(trade, keys, now);
        };
    }

    private Message wechat(Trade.View trade, PlatformKeys keys, Instant now) {
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", trade.amount());
        amount.put("payer_total", trade.amount());
        amount.put("currency", "CNY");
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("appid", "wx0000000000sandbox");
        transaction.put("mchid", "1900000001");
        transaction.put("out_trade_no", trade.outTradeNo());
        transaction.put("transaction_id", trade.channelTradeNo());
        transaction.put("trade_state", "SUCCESS");
        transaction.put("trade_state_desc", "支付成功");
        transaction.put("trade_type", "NATIVE");
        transaction.put("amount", amount);
        transaction.put("success_time", trade.paidAt().atZone(BEIJING).toOffsetDateTime().toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", trade.notifyId());
        event.put("create_time", trade.paidAt().atZone(BEIJING).toOffsetDateTime().toString());
        event.put("event_type", "TRANSACTION.SUCCESS");
        event.put("resource_type", "encrypt-resource");
        event.put("summary", "支付成功");
        String body;
        try {
            event.put("resource", NotifySignatures.wechatResource(keys.apiV3Key(), "transaction", "transaction",
                    json.writeValueAsString(transaction)));
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String timestamp = Long.toString(now.getEpochSecond());
        String nonce = NotifySignatures.nonce(32);
        Map<String, String> headers = NotifySignatures.wechatHeaders(keys.wechat(), keys.wechatKeyId(), timestamp,
                nonce, body);
        return new Message(headers, "application/json", body);
    }

    private Message alipay(Trade.View trade, PlatformKeys keys, Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notify_id", trade.notifyId());
        form.put("notify_time", ALIPAY_TIME.format(now));
        form.put("notify_type", "trade_status_sync");
        form.put("app_id", "2026000000000001");
        form.put("charset", "utf-8");
        form.put("version", "1.0");
        form.put("out_trade_no", trade.outTradeNo());
        form.put("trade_no", trade.channelTradeNo());
        form.put("trade_status", "TRADE_SUCCESS");
        form.put("total_amount", Money.toYuan(trade.amount()));
        form.put("receipt_amount", Money.toYuan(trade.amount()));
        form.put("gmt_payment", ALIPAY_TIME.format(trade.paidAt()));
        String body = NotifySignatures.alipayForm(keys.alipay(), form);
        return new Message(Map.of(), "application/x-www-form-urlencoded; charset=utf-8", body);
    }

    /** Whether the merchant's answer means "received" in this channel's terms. */
    static boolean accepted(Trade.View trade, int status, String body) {
        return switch (trade.channel()) {
            case WECHAT -> status >= 200 && status < 300;
            case ALIPAY -> status >= 200 && status < 300 && body != null && body.trim().equals("success");
        };
    }
}
