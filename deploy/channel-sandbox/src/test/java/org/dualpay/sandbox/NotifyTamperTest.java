package org.dualpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.Keys;
import org.dualpay.common.signing.NotifySignatures;
import org.dualpay.common.signing.PlatformKeys;
import org.junit.jupiter.api.Test;

/** Each tamper knob yields the notify it names: checked with plain JCA, as a merchant would find it. */
class NotifyTamperTest {

    static final KeyPair WECHAT = Keys.generate();
    static final KeyPair ALIPAY = Keys.generate();
    static final String API_V3_KEY = "testApiV3Key0123456789abcdefghij";
    static final PlatformKeys KEYS = new PlatformKeys(WECHAT.getPrivate(), "PUB_KEY_ID_SANDBOX", API_V3_KEY,
            ALIPAY.getPrivate());
    static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");

    final ObjectMapper json = new ObjectMapper();
    final NotifyMessages messages = new NotifyMessages(json);

    @Test
    void should_send_the_genuine_notify_without_a_tamper() throws Exception {
        NotifyMessages.Message wechat = messages.build(trade(Channel.WECHAT), KEYS, NOW, null);
        assertThat(wechatSignatureVerifies(wechat)).isTrue();
        assertThat(decrypt(wechat).path("amount").path("total").asLong()).isEqualTo(1234);
        assertThat(alipaySignatureVerifies(messages.build(trade(Channel.ALIPAY), KEYS, NOW, null))).isTrue();
    }

    @Test
    void should_change_the_amount_after_signing() throws Exception {
        NotifyMessages.Message wechat = messages.build(trade(Channel.WECHAT), KEYS, NOW, NotifyMessages.Tamper.AMOUNT);
        assertThat(decrypt(wechat).path("amount").path("total").asLong()).isEqualTo(1235);
        assertThat(wechatSignatureVerifies(wechat)).isFalse();

        NotifyMessages.Message alipay = messages.build(trade(Channel.ALIPAY), KEYS, NOW, NotifyMessages.Tamper.AMOUNT);
        assertThat(NotifyMessages.field(alipay.body(), "total_amount")).isEqualTo("12.35");
        assertThat(alipaySignatureVerifies(alipay)).isFalse();
    }

    @Test
    void should_break_the_signature() {
        assertThat(wechatSignatureVerifies(
                messages.build(trade(Channel.WECHAT), KEYS, NOW, NotifyMessages.Tamper.SIGNATURE))).isFalse();
        assertThat(alipaySignatureVerifies(
                messages.build(trade(Channel.ALIPAY), KEYS, NOW, NotifyMessages.Tamper.SIGNATURE))).isFalse();
    }

    @Test
    void should_corrupt_the_ciphertext_under_a_valid_signature() {
        NotifyMessages.Message wechat = messages.build(trade(Channel.WECHAT), KEYS, NOW, NotifyMessages.Tamper.CIPHERTEXT);
        assertThat(wechatSignatureVerifies(wechat)).isTrue();
        assertThatThrownBy(() -> decrypt(wechat)).isInstanceOf(javax.crypto.AEADBadTagException.class);
        // Alipay has no ciphertext: its notify goes untouched
        assertThat(alipaySignatureVerifies(
                messages.build(trade(Channel.ALIPAY), KEYS, NOW, NotifyMessages.Tamper.CIPHERTEXT))).isTrue();
    }

    @Test
    void should_sign_properly_ten_minutes_ago() {
        NotifyMessages.Message wechat = messages.build(trade(Channel.WECHAT), KEYS, NOW, NotifyMessages.Tamper.OLD_TIMESTAMP);
        assertThat(wechatSignatureVerifies(wechat)).isTrue();
        assertThat(Long.parseLong(wechat.headers().get(NotifySignatures.WECHAT_TIMESTAMP)))
                .isEqualTo(NOW.minus(NotifyMessages.OLD).getEpochSecond());
        NotifyMessages.Message alipay = messages.build(trade(Channel.ALIPAY), KEYS, NOW, NotifyMessages.Tamper.OLD_TIMESTAMP);
        assertThat(alipaySignatureVerifies(alipay)).isTrue();
        assertThat(NotifyMessages.field(alipay.body(), "notify_time")).isEqualTo("2026-11-25 09:50:00");
    }

    @Test
    void should_hold_the_first_delivery_for_the_delay_and_a_random_share_when_reordering() {
        Faults.Knobs delay = new Faults.Knobs(0, 0, 0, false, false, 0, null, null, 700, false, false);
        Faults.Knobs reorder = new Faults.Knobs(0, 0, 0, false, false, 0, null, null, 700, true, false);

        assertThat(Notifier.firstDeliveryDelay(Faults.Knobs.NONE, 2500)).isZero();
        assertThat(Notifier.firstDeliveryDelay(delay, 2500)).isEqualTo(700);
        assertThat(Notifier.firstDeliveryDelay(reorder, 2500)).isEqualTo(3200);
    }

    private static Trade.View trade(Channel channel) {
        Instant paidAt = NOW.minusSeconds(5);
        return new Trade.View(channel, "PAY1", 1234, "test", "http://127.0.0.1:1/notify", NOW.plusSeconds(600),
                Trade.Status.SUCCESS, "4200000001", paidAt, "http://pay", "EV1", Trade.NotifyState.PENDING, List.of());
    }

    private static boolean wechatSignatureVerifies(NotifyMessages.Message message) {
        Map<String, String> h = message.headers();
        return WechatAuthorization.verifies(WECHAT.getPublic(), NotifySignatures.wechatMessage(
                h.get(NotifySignatures.WECHAT_TIMESTAMP), h.get(NotifySignatures.WECHAT_NONCE), message.body()),
                h.get(NotifySignatures.WECHAT_SIGNATURE));
    }

    private static boolean alipaySignatureVerifies(NotifyMessages.Message message) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : message.body().split("&")) {
            String name = pair.substring(0, pair.indexOf('='));
            fields.put(name, NotifyMessages.field(message.body(), name));
        }
        return WechatAuthorization.verifies(ALIPAY.getPublic(), NotifySignatures.alipayMessage(fields), fields.get("sign"));
    }

    private JsonNode decrypt(NotifyMessages.Message message) throws Exception {
        JsonNode resource = json.readTree(message.body()).path("resource");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, resource.path("nonce").asText().getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD(resource.path("associated_data").asText().getBytes(StandardCharsets.UTF_8));
        return json.readTree(new String(cipher.doFinal(Base64.getDecoder().decode(resource.path("ciphertext").asText())),
                StandardCharsets.UTF_8));
    }
}
