package org.dualpay.common.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class NotifySignaturesTest {

    private static final KeyPair PLATFORM = Keys.generate();
    private static final String API_V3_KEY = "0123456789abcdef0123456789ABCDEF";

    private static boolean verifies(PublicKey key, String message, String signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    private static String decrypt(String key, String nonce, String associatedData, String ciphertext) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
    }

    @Test
    void wechat_message_is_timestamp_nonce_and_body_each_on_its_own_line() {
        assertThat(NotifySignatures.wechatMessage("1700000000", "abc", "{\"a\":1}"))
                .isEqualTo("1700000000\nabc\n{\"a\":1}\n");
    }

    @Test
    void alipay_message_sorts_fields_and_leaves_out_sign_sign_type_and_empty_values() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("total_amount", "12.34");
        fields.put("sign", "xyz");
        fields.put("sign_type", "RSA2");
        fields.put("app_id", "2021");
        fields.put("buyer_id", "");
        fields.put("out_trade_no", "PAY1");

        assertThat(NotifySignatures.alipayMessage(fields))
                .isEqualTo("app_id=2021&out_trade_no=PAY1&total_amount=12.34");
    }

    @Test
    void wechat_headers_carry_timestamp_nonce_serial_type_and_an_rsa_signature_of_the_message() throws Exception {
        Map<String, String> headers = NotifySignatures.wechatHeaders(PLATFORM.getPrivate(), "PUB_KEY_ID_1",
                "1700000000", "abc", "{\"a\":1}");

        assertThat(headers.keySet()).containsExactly("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial",
                "Wechatpay-Signature-Type", "Wechatpay-Signature");
        assertThat(headers.get("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");
        assertThat(verifies(PLATFORM.getPublic(), "1700000000\nabc\n{\"a\":1}\n", headers.get("Wechatpay-Signature")))
                .isTrue();
        assertThat(verifies(Keys.generate().getPublic(), "1700000000\nabc\n{\"a\":1}\n",
                headers.get("Wechatpay-Signature"))).isFalse();
    }

    @Test
    void wechat_resource_is_aes_256_gcm_under_the_api_v3_key_with_its_nonce_and_associated_data() throws Exception {
        Map<String, Object> resource = NotifySignatures.wechatResource(API_V3_KEY, "transaction", "transaction",
                "{\"out_trade_no\":\"PAY1\"}");

        assertThat(resource).containsEntry("algorithm", "AEAD_AES_256_GCM").containsEntry("associated_data", "transaction");
        assertThat((String) resource.get("nonce")).hasSize(12);
        assertThat(decrypt(API_V3_KEY, (String) resource.get("nonce"), "transaction", (String) resource.get("ciphertext")))
                .isEqualTo("{\"out_trade_no\":\"PAY1\"}");
        assertThatThrownBy(() -> decrypt("0123456789abcdef0123456789ABCDEX", (String) resource.get("nonce"),
                "transaction", (String) resource.get("ciphertext"))).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> NotifySignatures.aesGcm("short", "123456789012", "a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alipay_form_appends_sign_type_rsa2_and_the_rsa_sign_and_url_encodes_every_value() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("out_trade_no", "PAY1");
        fields.put("gmt_payment", "2026-03-01 12:00:00");

        String form = NotifySignatures.alipayForm(PLATFORM.getPrivate(), fields);

        assertThat(form).startsWith("trade_status=TRADE_SUCCESS&out_trade_no=PAY1&gmt_payment=2026-03-01+12%3A00%3A00"
                + "&sign_type=RSA2&sign=");
        String sign = URLDecoder.decode(form.substring(form.indexOf("&sign=") + 6), StandardCharsets.UTF_8);
        assertThat(verifies(PLATFORM.getPublic(),
                "gmt_payment=2026-03-01 12:00:00&out_trade_no=PAY1&trade_status=TRADE_SUCCESS", sign)).isTrue();
        assertThat(fields).doesNotContainKeys("sign", "sign_type");
    }

    @Test
    void keys_read_the_one_line_form_and_pem() {
        String text = Keys.text(PLATFORM.getPublic());
        String pem = "-----BEGIN PUBLIC KEY-----\n" + text.replaceAll("(.{64})", "$1\n") + "\n-----END PUBLIC KEY-----\n";

        assertThat(Keys.publicKey(text)).isEqualTo(PLATFORM.getPublic());
        assertThat(Keys.publicKey(pem)).isEqualTo(PLATFORM.getPublic());
        assertThat(Keys.privateKey(Keys.text(PLATFORM.getPrivate()))).isEqualTo(PLATFORM.getPrivate());
        assertThatThrownBy(() -> Keys.privateKey("not a key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.publicKey("")).isInstanceOf(IllegalArgumentException.class);
    }
}
