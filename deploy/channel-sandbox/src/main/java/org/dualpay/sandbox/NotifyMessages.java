package org.dualpay.sandbox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.channel.Channel;
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

    /** How a notify is tampered with on its way (the tamperNotifies knob). */
    enum Tamper {
        /** the amount raised by one fen after the platform signed (WeChat: the resource encrypted again) */
        AMOUNT,
        /** the signature changed in one character */
        SIGNATURE,
        /** WeChat: the resource's ciphertext corrupted, the request signed again (the platform's key, a bad resource) */
        CIPHERTEXT,
        /** signed properly, ten minutes ago */
        OLD_TIMESTAMP
    }

    static final java.time.Duration OLD = java.time.Duration.ofMinutes(10);

    /**
     * The notify with {@code tamper} applied (none: the genuine one). Alipay has no ciphertext:
     * CIPHERTEXT sends its notify untouched.
     */
    Message build(Trade.View trade, PlatformKeys keys, Instant now, Tamper tamper) {
        if (tamper == null) {
            return build(trade, keys, now);
        }
        return switch (tamper) {
            case OLD_TIMESTAMP -> build(trade, keys, now.minus(OLD));
            case SIGNATURE -> brokenSignature(trade, build(trade, keys, now));
            case AMOUNT -> {
                Message genuine = build(trade, keys, now);
                Message raised = build(new Trade.View(trade.channel(), trade.outTradeNo(), trade.amount() + 1,
                        trade.description(), trade.notifyUrl(), trade.expireAt(), trade.status(), trade.channelTradeNo(),
                        trade.paidAt(), trade.payUrl(), trade.notifyId(), trade.notifyState(), trade.notifyAttempts()),
                        keys, now);
                yield switch (trade.channel()) {
                    case WECHAT -> new Message(genuine.headers(), genuine.contentType(), raised.body());
                    case ALIPAY -> new Message(raised.headers(), raised.contentType(),
                            withField(raised.body(), "sign", field(genuine.body(), "sign")));
                };
            }
            case CIPHERTEXT -> trade.channel() == Channel.WECHAT ? corruptCiphertext(build(trade, keys, now), keys)
                    : build(trade, keys, now);
        };
    }

    private static Message brokenSignature(Trade.View trade, Message genuine) {
        return switch (trade.channel()) {
            case WECHAT -> {
                Map<String, String> headers = new LinkedHashMap<>(genuine.headers());
                headers.put(NotifySignatures.WECHAT_SIGNATURE, flip(headers.get(NotifySignatures.WECHAT_SIGNATURE)));
                yield new Message(headers, genuine.contentType(), genuine.body());
            }
            case ALIPAY -> new Message(genuine.headers(), genuine.contentType(),
                    withField(genuine.body(), "sign", flip(field(genuine.body(), "sign"))));
        };
    }

    private Message corruptCiphertext(Message genuine, PlatformKeys keys) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode event =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(genuine.body());
            com.fasterxml.jackson.databind.node.ObjectNode resource =
                    (com.fasterxml.jackson.databind.node.ObjectNode) event.get("resource");
            resource.put("ciphertext", flip(resource.get("ciphertext").asText()));
            String body = json.writeValueAsString(event);
            Map<String, String> headers = NotifySignatures.wechatHeaders(keys.wechat(), keys.wechatKeyId(),
                    genuine.headers().get(NotifySignatures.WECHAT_TIMESTAMP),
                    genuine.headers().get(NotifySignatures.WECHAT_NONCE), body);
            return new Message(headers, genuine.contentType(), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One Base64 character changed into another (still Base64, another value). */
    static String flip(String base64) {
        char first = base64.charAt(0);
        return (first == 'A' ? 'B' : 'A') + base64.substring(1);
    }

    static String field(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String withField(String form, String name, String value) {
        StringBuilder out = new StringBuilder();
        for (String pair : form.split("&")) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            out.append(pair.substring(0, eq).equals(name)
                    ? name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8) : pair);
        }
        return out.toString();
    }

    /**
     * WeChat Pay's refund notify: {@code REFUND.SUCCESS}, or {@code REFUND.ABNORMAL} for a refund that failed,
     * the refund encrypted and the request signed as for payments. Alipay answers refunds synchronously and
     * sends no refund notify.
     */
    Message refund(Refund.View refund, Trade.View trade, PlatformKeys keys, Instant now) {
        if (refund.channel() != Channel.WECHAT) {
            throw new IllegalArgumentException(refund.channel() + " sends no refund notify");
        }
        boolean success = refund.status() == Refund.Status.SUCCESS;
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", trade.amount());
        amount.put("refund", refund.amount());
        amount.put("payer_total", trade.amount());
        amount.put("payer_refund", refund.amount());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("mchid", "1900000001");
        resource.put("out_trade_no", refund.outTradeNo());
        resource.put("transaction_id", trade.channelTradeNo());
        resource.put("out_refund_no", refund.refundNo());
        resource.put("refund_id", "50000" + Math.abs((long) refund.refundNo().hashCode()));
        resource.put("refund_status", success ? "SUCCESS" : "ABNORMAL");
        if (success) {
            resource.put("success_time", refund.succeededAt().atZone(BEIJING).toOffsetDateTime().toString());
        }
        resource.put("user_received_account", "支付用户零钱");
        resource.put("amount", amount);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "EV-REFUND-" + refund.refundNo());
        event.put("create_time", refund.finishedAt().atZone(BEIJING).toOffsetDateTime().toString());
        event.put("event_type", success ? "REFUND.SUCCESS" : "REFUND.ABNORMAL");
        event.put("resource_type", "encrypt-resource");
        event.put("summary", success ? "退款成功" : "退款异常");
        String body;
        try {
            event.put("resource", NotifySignatures.wechatResource(keys.apiV3Key(), "refund", "refund",
                    json.writeValueAsString(resource)));
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String timestamp = Long.toString(now.getEpochSecond());
        return new Message(NotifySignatures.wechatHeaders(keys.wechat(), keys.wechatKeyId(), timestamp,
                NotifySignatures.nonce(32), body), "application/json", body);
    }

    /** Whether the merchant's answer means "received" in this channel's terms. */
    static boolean accepted(Trade.View trade, int status, String body) {
        return accepted(trade.channel(), status, body);
    }

    static boolean accepted(Channel channel, int status, String body) {
        return switch (channel) {
            case WECHAT -> status >= 200 && status < 300;
            case ALIPAY -> status >= 200 && status < 300 && body != null && body.trim().equals("success");
        };
    }
}
