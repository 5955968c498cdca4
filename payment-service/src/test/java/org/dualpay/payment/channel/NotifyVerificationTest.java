package org.dualpay.payment.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualpay.payment.channel.SignedByPlatform.ALIPAY_PLATFORM;
import static org.dualpay.payment.channel.SignedByPlatform.API_V3_KEY;
import static org.dualpay.payment.channel.SignedByPlatform.KEY_ID;
import static org.dualpay.payment.channel.SignedByPlatform.WECHAT_PLATFORM;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.Keys;
import org.dualpay.payment.domain.NotifyRefusal;
import org.dualpay.payment.domain.PaymentNotice;
import org.junit.jupiter.api.Test;

/**
 * Each channel's notify verification through its official SDK, with real keys: notifies signed (and
 * for WeChat Pay encrypted) as the platforms do, by common's signer; verified by the SDK's
 * notification parser (WeChat Pay) and signature check (Alipay). No mock of either SDK.
 */
class NotifyVerificationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T04:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WechatProtocol wechat = new WechatProtocol(WECHAT_PLATFORM.getPublic(), KEY_ID, API_V3_KEY,
            Duration.ofMinutes(5), JSON, clock);
    private final AlipayProtocol alipay = new AlipayProtocol(Keys.text(ALIPAY_PLATFORM.getPublic()),
            Duration.ofMinutes(5), clock);

    private static String paid(long total) {
        return SignedByPlatform.wechatBody("EV-1", "TRANSACTION.SUCCESS", API_V3_KEY,
                SignedByPlatform.transaction("PAY1", "4200001", "SUCCESS", total, "CNY"));
    }

    private static void assertRefused(NotifyCheck check, NotifyRefusal reason) {
        assertThat(check).isInstanceOfSatisfying(NotifyCheck.Refused.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    // WeChat Pay API v3: SHA256withRSA headers, AES-256-GCM resource

    @Test
    void should_verify_and_decrypt_a_wechat_payment_and_read_what_it_says() {
        NotifyCheck check = wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-1", paid(1999)));

        assertThat(check).isEqualTo(new NotifyCheck.Verified(new PaymentNotice(Channel.WECHAT, "EV-1", "PAY1", "4200001",
                1999, Instant.parse("2026-03-01T04:00:00Z"), "CNY"), "N-1"));
    }

    @Test
    void should_refuse_a_wechat_notify_signed_with_another_platform_key_or_unsigned() {
        assertRefused(wechat.verify(SignedByPlatform.wechat(Keys.generate(), NOW, "N-1", paid(1999))),
                NotifyRefusal.BAD_SIGNATURE);
        assertRefused(wechat.verify(new InboundNotify(Map.of(), paid(1999), null)), NotifyRefusal.MISSING_SIGNATURE);
    }

    @Test
    void should_refuse_a_wechat_notify_whose_body_changed_after_signing() throws Exception {
        InboundNotify genuine = SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-1", paid(1999));
        ObjectNode body = (ObjectNode) JSON.readTree(genuine.body());
        ((ObjectNode) body.path("resource")).put("ciphertext", flipOneBit(body.path("resource").path("ciphertext").asText()));

        assertRefused(wechat.verify(new InboundNotify(genuine.headers(), JSON.writeValueAsString(body), null)),
                NotifyRefusal.BAD_SIGNATURE);
    }

    @Test
    void should_refuse_a_signed_wechat_notify_whose_ciphertext_does_not_decrypt() throws Exception {
        // signed by the platform, but the ciphertext is corrupted (or encrypted under another merchant's key)
        ObjectNode body = (ObjectNode) JSON.readTree(paid(1999));
        ((ObjectNode) body.path("resource")).put("ciphertext", flipOneBit(body.path("resource").path("ciphertext").asText()));
        String otherKey = SignedByPlatform.wechatBody("EV-1", "TRANSACTION.SUCCESS", "another-merchants-apiv3-key-0123",
                SignedByPlatform.transaction("PAY1", "4200001", "SUCCESS", 1999, "CNY"));

        assertRefused(wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-1", JSON.writeValueAsString(body))),
                NotifyRefusal.UNDECRYPTABLE);
        assertRefused(wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-2", otherKey)),
                NotifyRefusal.UNDECRYPTABLE);
    }

    @Test
    void should_pass_a_genuine_wechat_notify_one_fen_short_on_as_what_the_channel_says() {
        // the platform really says 1998: verified (money the channel holds), the inbox calls it an anomaly
        NotifyCheck check = wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-1", paid(1998)));

        assertThat(check).isInstanceOfSatisfying(NotifyCheck.Verified.class,
                v -> assertThat(v.notice().amount()).isEqualTo(1998));
    }

    @Test
    void should_refuse_a_wechat_notify_outside_the_timestamp_window() {
        assertRefused(wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW.minus(Duration.ofMinutes(6)), "N-1",
                paid(1999))), NotifyRefusal.STALE_TIMESTAMP);
        assertRefused(wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW.plus(Duration.ofMinutes(6)), "N-1",
                paid(1999))), NotifyRefusal.STALE_TIMESTAMP);
    }

    @Test
    void should_acknowledge_a_wechat_event_that_is_no_payment_and_refuse_a_malformed_one() {
        String closed = SignedByPlatform.wechatBody("EV-2", "TRANSACTION.CLOSED", API_V3_KEY,
                SignedByPlatform.transaction("PAY1", "4200001", "CLOSED", 1999, "CNY"));
        String unencrypted = "{\"id\":\"EV-3\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{\"trade_state\":\"SUCCESS\"}}";

        assertThat(wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-1", closed)))
                .isEqualTo(new NotifyCheck.NotAPayment("TRANSACTION.CLOSED"));
        assertRefused(wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-2", unencrypted)),
                NotifyRefusal.MALFORMED);
    }

    @Test
    void should_read_wechat_refund_notifies_through_the_sdk_as_the_refund_s_end() {
        String succeeded = SignedByPlatform.wechatBody("EV-4", "REFUND.SUCCESS", API_V3_KEY,
                SignedByPlatform.refund("RF1", "PAY1", "SUCCESS", 1999));
        String abnormal = SignedByPlatform.wechatBody("EV-5", "REFUND.ABNORMAL", API_V3_KEY,
                SignedByPlatform.refund("RF2", "PAY2", "ABNORMAL", 1999));
        String forged = SignedByPlatform.wechatBody("EV-6", "REFUND.SUCCESS", API_V3_KEY,
                SignedByPlatform.refund("RF3", "PAY3", "SUCCESS", 1999));

        assertThat(wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-4", succeeded))).isEqualTo(
                new NotifyCheck.RefundReported("RF1", "PAY1", ChannelGateway.RefundState.SUCCESS, "REFUND.SUCCESS"));
        assertThat(wechat.verify(SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-5", abnormal))).isEqualTo(
                new NotifyCheck.RefundReported("RF2", "PAY2", ChannelGateway.RefundState.FAILED, "REFUND.ABNORMAL"));
        // a refund notify is checked like any other: another key's signature is refused
        assertRefused(wechat.verify(SignedByPlatform.wechat(Keys.generate(), NOW, "N-6", forged)),
                NotifyRefusal.BAD_SIGNATURE);
    }

    @Test
    void should_verify_the_very_same_wechat_request_twice_and_leave_replays_to_the_guard() {
        InboundNotify request = SignedByPlatform.wechat(WECHAT_PLATFORM, NOW, "N-1", paid(1999));

        assertThat(wechat.verify(request)).isEqualTo(wechat.verify(request));
    }

    // Alipay: RSA2 over the sorted fields

    @Test
    void should_verify_a_signed_alipay_payment_in_yuan_and_beijing_time() {
        NotifyCheck check = alipay.verify(new InboundNotify(Map.of(), null, SignedByPlatform.alipay(ALIPAY_PLATFORM,
                SignedByPlatform.alipayFields("2026-03-01 12:00:00", "TRADE_SUCCESS", "19.99"))));

        assertThat(check).isEqualTo(new NotifyCheck.Verified(new PaymentNotice(Channel.ALIPAY, "AN-1", "PAY2", "ALI-T2",
                1999, Instant.parse("2026-03-01T03:59:30Z"), "CNY"), "AN-1"));
    }

    @Test
    void should_refuse_an_alipay_notify_signed_with_another_key_tampered_one_fen_or_unsigned() {
        Map<String, String> tampered = new HashMap<>(SignedByPlatform.alipay(ALIPAY_PLATFORM,
                SignedByPlatform.alipayFields("2026-03-01 12:00:00", "TRADE_SUCCESS", "19.99")));
        tampered.put("total_amount", "19.98");
        Map<String, String> unsigned = new HashMap<>(SignedByPlatform.alipay(ALIPAY_PLATFORM,
                SignedByPlatform.alipayFields("2026-03-01 12:00:00", "TRADE_SUCCESS", "19.99")));
        unsigned.remove("sign");

        assertRefused(alipay.verify(new InboundNotify(Map.of(), null, SignedByPlatform.alipay(Keys.generate(),
                SignedByPlatform.alipayFields("2026-03-01 12:00:00", "TRADE_SUCCESS", "19.99")))),
                NotifyRefusal.BAD_SIGNATURE);
        assertRefused(alipay.verify(new InboundNotify(Map.of(), null, tampered)), NotifyRefusal.BAD_SIGNATURE);
        assertRefused(alipay.verify(new InboundNotify(Map.of(), null, unsigned)), NotifyRefusal.MISSING_SIGNATURE);
    }

    @Test
    void should_refuse_an_alipay_notify_past_the_window() {
        assertRefused(alipay.verify(new InboundNotify(Map.of(), null, SignedByPlatform.alipay(ALIPAY_PLATFORM,
                SignedByPlatform.alipayFields("2026-03-01 11:50:00", "TRADE_SUCCESS", "19.99")))),
                NotifyRefusal.STALE_TIMESTAMP);
    }

    @Test
    void should_acknowledge_an_alipay_status_that_is_no_payment_and_refuse_a_bad_amount() {
        assertThat(alipay.verify(new InboundNotify(Map.of(), null, SignedByPlatform.alipay(ALIPAY_PLATFORM,
                SignedByPlatform.alipayFields("2026-03-01 12:00:00", "WAIT_BUYER_PAY", "19.99")))))
                .isEqualTo(new NotifyCheck.NotAPayment("WAIT_BUYER_PAY"));
        assertRefused(alipay.verify(new InboundNotify(Map.of(), null, SignedByPlatform.alipay(ALIPAY_PLATFORM,
                SignedByPlatform.alipayFields("2026-03-01 12:00:00", "TRADE_SUCCESS", "19.999")))),
                NotifyRefusal.MALFORMED);
    }

    @Test
    void should_answer_401_for_signature_refusals_and_400_for_the_rest() {
        assertThat(NotifyRefusal.MISSING_SIGNATURE.httpStatus()).isEqualTo(401);
        assertThat(NotifyRefusal.BAD_SIGNATURE.httpStatus()).isEqualTo(401);
        assertThat(NotifyRefusal.UNDECRYPTABLE.httpStatus()).isEqualTo(401);
        assertThat(NotifyRefusal.STALE_TIMESTAMP.httpStatus()).isEqualTo(400);
        assertThat(NotifyRefusal.REPLAYED.httpStatus()).isEqualTo(400);
        assertThat(NotifyRefusal.UNKNOWN_TRADE.httpStatus()).isEqualTo(400);
        assertThat(NotifyRefusal.MALFORMED.httpStatus()).isEqualTo(400);
    }

    @Test
    void should_answer_each_channel_in_its_own_format() {
        assertThat(wechat.acknowledge()).isEqualTo(new NotifyAnswer(204, null, null));
        assertThat(wechat.reject(401, "BAD_SIGNATURE").body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"BAD_SIGNATURE\"}");
        assertThat(alipay.acknowledge()).isEqualTo(new NotifyAnswer(200, "text/plain", "success"));
        assertThat(alipay.reject(400, "x").body()).isEqualTo("fail");
    }

    private static String flipOneBit(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length / 2] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
