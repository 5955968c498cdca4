package org.dualpay.payment.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.HmacSha256;
import org.dualpay.common.signing.NotifySignatures;
import org.dualpay.payment.domain.NotifyRefusal;
import org.dualpay.payment.domain.PaymentNotice;
import org.junit.jupiter.api.Test;

/** Each channel's notify verification: signature, timestamp window, shape, and what a verified one says. */
class NotifyVerificationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T04:00:00Z");
    private static final String WECHAT_SECRET = "wechat-test-secret-0123456789";
    private static final String ALIPAY_SECRET = "alipay-test-secret-0123456789";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WechatProtocol wechat = new WechatProtocol(WECHAT_SECRET, Duration.ofMinutes(5), new ObjectMapper(), clock);
    private final AlipayProtocol alipay = new AlipayProtocol(ALIPAY_SECRET, Duration.ofMinutes(5), clock);

    // WeChat Pay v3 style

    private static String wechatBody(String eventType, String tradeState, long total, String currency) {
        return """
                {"id":"EV-1","event_type":"%s","resource":{"out_trade_no":"PAY1","transaction_id":"WX-T1",
                "trade_state":"%s","success_time":"2026-03-01T12:00:00+08:00","amount":{"total":%d,"currency":"%s"}}}"""
                .formatted(eventType, tradeState, total, currency);
    }

    private static InboundNotify wechatNotify(String secret, Instant sentAt, String nonce, String body) {
        String timestamp = String.valueOf(sentAt.getEpochSecond());
        String signature = HmacSha256.sign(secret, NotifySignatures.wechatMessage(timestamp, nonce, body));
        return new InboundNotify(Map.of(NotifySignatures.WECHAT_TIMESTAMP.toLowerCase(), timestamp,
                NotifySignatures.WECHAT_NONCE.toLowerCase(), nonce,
                NotifySignatures.WECHAT_SIGNATURE.toLowerCase(), signature), body, null);
    }

    @Test
    void should_verify_a_signed_wechat_payment_and_read_what_it_says() {
        NotifyCheck check = wechat.verify(wechatNotify(WECHAT_SECRET, NOW, "N-1",
                wechatBody("TRANSACTION.SUCCESS", "SUCCESS", 1999, "CNY")));

        assertThat(check).isEqualTo(new NotifyCheck.Verified(new PaymentNotice(Channel.WECHAT, "EV-1", "PAY1", "WX-T1",
                1999, Instant.parse("2026-03-01T04:00:00Z"), "CNY"), "N-1"));
    }

    @Test
    void should_refuse_a_wechat_notify_signed_with_another_secret_or_unsigned() {
        String body = wechatBody("TRANSACTION.SUCCESS", "SUCCESS", 1999, "CNY");

        assertThat(wechat.verify(wechatNotify("wechat-sandbox-secret", NOW, "N-1", body)))
                .isInstanceOfSatisfying(NotifyCheck.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(NotifyRefusal.BAD_SIGNATURE));
        assertThat(wechat.verify(new InboundNotify(Map.of(), body, null)))
                .isInstanceOfSatisfying(NotifyCheck.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(NotifyRefusal.MISSING_SIGNATURE));
    }

    @Test
    void should_refuse_a_wechat_notify_outside_the_timestamp_window() {
        NotifyCheck check = wechat.verify(wechatNotify(WECHAT_SECRET, NOW.minus(Duration.ofMinutes(6)), "N-1",
                wechatBody("TRANSACTION.SUCCESS", "SUCCESS", 1999, "CNY")));

        assertThat(check).isInstanceOfSatisfying(NotifyCheck.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(NotifyRefusal.STALE_TIMESTAMP));
    }

    @Test
    void should_acknowledge_a_wechat_event_that_is_no_payment_and_refuse_a_malformed_one() {
        assertThat(wechat.verify(wechatNotify(WECHAT_SECRET, NOW, "N-1",
                wechatBody("REFUND.SUCCESS", "SUCCESS", 1999, "CNY"))))
                .isEqualTo(new NotifyCheck.NotAPayment("REFUND.SUCCESS"));
        assertThat(wechat.verify(wechatNotify(WECHAT_SECRET, NOW, "N-1", "{\"event_type\":\"TRANSACTION.SUCCESS\","
                + "\"resource\":{\"trade_state\":\"SUCCESS\"}}")))
                .isInstanceOfSatisfying(NotifyCheck.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(NotifyRefusal.MALFORMED));
    }

    // Alipay style

    private static Map<String, String> alipayForm(String secret, String notifyTime, String status, String yuan) {
        Map<String, String> form = new HashMap<>(Map.of("notify_id", "AN-1", "notify_time", notifyTime,
                "out_trade_no", "PAY2", "trade_no", "ALI-T2", "trade_status", status, "total_amount", yuan,
                "gmt_payment", "2026-03-01 11:59:30", "sign_type", NotifySignatures.SIGNATURE_TYPE));
        form.put("sign", HmacSha256.sign(secret, NotifySignatures.alipayMessage(form)));
        return form;
    }

    @Test
    void should_verify_a_signed_alipay_payment_in_yuan_and_beijing_time() {
        NotifyCheck check = alipay.verify(new InboundNotify(Map.of(), null,
                alipayForm(ALIPAY_SECRET, "2026-03-01 12:00:00", "TRADE_SUCCESS", "19.99")));

        assertThat(check).isEqualTo(new NotifyCheck.Verified(new PaymentNotice(Channel.ALIPAY, "AN-1", "PAY2", "ALI-T2",
                1999, Instant.parse("2026-03-01T03:59:30Z"), "CNY"), "AN-1"));
    }

    @Test
    void should_refuse_a_tampered_alipay_form_and_one_past_the_window() {
        Map<String, String> tampered = alipayForm(ALIPAY_SECRET, "2026-03-01 12:00:00", "TRADE_SUCCESS", "19.99");
        tampered.put("total_amount", "0.01");
        Map<String, String> unsigned = alipayForm(ALIPAY_SECRET, "2026-03-01 12:00:00", "TRADE_SUCCESS", "19.99");
        unsigned.remove("sign");

        assertThat(alipay.verify(new InboundNotify(Map.of(), null, tampered)))
                .isInstanceOfSatisfying(NotifyCheck.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(NotifyRefusal.BAD_SIGNATURE));
        assertThat(alipay.verify(new InboundNotify(Map.of(), null, unsigned)))
                .isInstanceOfSatisfying(NotifyCheck.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(NotifyRefusal.MISSING_SIGNATURE));
        assertThat(alipay.verify(new InboundNotify(Map.of(), null,
                alipayForm(ALIPAY_SECRET, "2026-03-01 11:50:00", "TRADE_SUCCESS", "19.99"))))
                .isInstanceOfSatisfying(NotifyCheck.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(NotifyRefusal.STALE_TIMESTAMP));
    }

    @Test
    void should_acknowledge_an_alipay_status_that_is_no_payment_and_refuse_a_bad_amount() {
        assertThat(alipay.verify(new InboundNotify(Map.of(), null,
                alipayForm(ALIPAY_SECRET, "2026-03-01 12:00:00", "WAIT_BUYER_PAY", "19.99"))))
                .isEqualTo(new NotifyCheck.NotAPayment("WAIT_BUYER_PAY"));
        assertThat(alipay.verify(new InboundNotify(Map.of(), null,
                alipayForm(ALIPAY_SECRET, "2026-03-01 12:00:00", "TRADE_SUCCESS", "19.999"))))
                .isInstanceOfSatisfying(NotifyCheck.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(NotifyRefusal.MALFORMED));
    }

    @Test
    void should_answer_401_for_signature_refusals_and_400_for_the_rest() {
        assertThat(NotifyRefusal.MISSING_SIGNATURE.httpStatus()).isEqualTo(401);
        assertThat(NotifyRefusal.BAD_SIGNATURE.httpStatus()).isEqualTo(401);
        assertThat(NotifyRefusal.STALE_TIMESTAMP.httpStatus()).isEqualTo(400);
        assertThat(NotifyRefusal.REPLAYED.httpStatus()).isEqualTo(400);
        assertThat(NotifyRefusal.UNKNOWN_TRADE.httpStatus()).isEqualTo(400);
        assertThat(NotifyRefusal.MALFORMED.httpStatus()).isEqualTo(400);
    }
}
