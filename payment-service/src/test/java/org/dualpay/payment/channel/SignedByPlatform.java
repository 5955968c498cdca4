package org.dualpay.payment.channel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.signing.Keys;
import org.dualpay.common.signing.NotifySignatures;

/**
 * Notifies as the platforms make them (common's signer: plain JCA, no SDK), for tests that verify
 * them through the SDKs: real RSA keys, a real APIv3 key.
 */
final class SignedByPlatform {

    static final KeyPair WECHAT_PLATFORM = Keys.generate();
    static final KeyPair ALIPAY_PLATFORM = Keys.generate();
    static final String KEY_ID = "PUB_KEY_ID_TEST";
    static final String API_V3_KEY = "testApiV3Key0123456789abcdefABCD";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedByPlatform() {
    }

    static String transaction(String outTradeNo, String transactionId, String tradeState, long total, String currency) {
        return """
                {"out_trade_no":"%s","transaction_id":"%s","trade_state":"%s","trade_type":"NATIVE",\
                "success_time":"2026-03-01T12:00:00+08:00","amount":{"total":%d,"payer_total":%d,"currency":"%s"}}"""
                .formatted(outTradeNo, transactionId, tradeState, total, total, currency);
    }

    /** The notify body: the event around the encrypted transaction. */
    static String wechatBody(String eventId, String eventType, String apiV3Key, String transaction) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("create_time", "2026-03-01T12:00:01+08:00");
        event.put("resource_type", "encrypt-resource");
        event.put("event_type", eventType);
        event.put("summary", "payment succeeded");
        event.put("resource", NotifySignatures.wechatResource(apiV3Key, "transaction", "transaction", transaction));
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refund as WeChat Pay's refund notify carries it (encrypted in the resource like a transaction). */
    static String refund(String outRefundNo, String outTradeNo, String status, long fen) {
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", fen);
        amount.put("refund", fen);
        amount.put("payer_total", fen);
        amount.put("payer_refund", fen);
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("mchid", "1900000001");
        refund.put("out_trade_no", outTradeNo);
        refund.put("transaction_id", "4200002");
        refund.put("out_refund_no", outRefundNo);
        refund.put("refund_id", "50000001");
        refund.put("refund_status", status);
        refund.put("user_received_account", "支付用户零钱");
        refund.put("amount", amount);
        try {
            return JSON.writeValueAsString(refund);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static InboundNotify wechat(KeyPair platform, Instant sentAt, String nonce, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        NotifySignatures.wechatHeaders(platform.getPrivate(), KEY_ID, String.valueOf(sentAt.getEpochSecond()), nonce, body)
                .forEach((name, value) -> headers.put(name.toLowerCase(), value));
        return new InboundNotify(headers, body, null);
    }

    static Map<String, String> alipayFields(String notifyTime, String status, String yuan) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notify_id", "AN-1");
        form.put("notify_time", notifyTime);
        form.put("notify_type", "trade_status_sync");
        form.put("app_id", "2021000000000001");
        form.put("out_trade_no", "PAY2");
        form.put("trade_no", "ALI-T2");
        form.put("trade_status", status);
        form.put("total_amount", yuan);
        form.put("gmt_payment", "2026-03-01 11:59:30");
        return form;
    }

    /** The form as payment-service's controller reads it: every field decoded. */
    static Map<String, String> alipay(KeyPair platform, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : NotifySignatures.alipayForm(platform.getPrivate(), fields).split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
