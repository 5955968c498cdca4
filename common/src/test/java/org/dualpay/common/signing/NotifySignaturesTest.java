package org.dualpay.common.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NotifySignaturesTest {

    @Test
    void hmac_matches_rfc4231_test_case_2() {
        assertThat(HmacSha256.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    }

    @Test
    void verify_refuses_a_changed_message_a_wrong_key_and_an_empty_signature() {
        String signature = HmacSha256.sign("secret", "message");

        assertThat(HmacSha256.verify("secret", "message", signature)).isTrue();
        assertThat(HmacSha256.verify("secret", "messagE", signature)).isFalse();
        assertThat(HmacSha256.verify("other", "message", signature)).isFalse();
        assertThat(HmacSha256.verify("secret", "message", "")).isFalse();
        assertThat(HmacSha256.verify("secret", "message", null)).isFalse();
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
        fields.put("sign_type", "HMAC-SHA256");
        fields.put("app_id", "2021");
        fields.put("buyer_id", "");
        fields.put("out_trade_no", "PAY1");

        assertThat(NotifySignatures.alipayMessage(fields))
                .isEqualTo("app_id=2021&out_trade_no=PAY1&total_amount=12.34");
    }

    // The values below are pinned: deploy/lib/dualpay.py signs the same message to the same bytes.
    @Test
    void wechat_headers_carry_timestamp_nonce_type_and_the_signature_in_that_order() {
        Map<String, String> headers = NotifySignatures.wechatHeaders("secret", "1700000000", "abc", "{\"a\":1}");

        assertThat(headers).containsExactly(
                Map.entry("Wechatpay-Timestamp", "1700000000"),
                Map.entry("Wechatpay-Nonce", "abc"),
                Map.entry("Wechatpay-Signature-Type", "HMAC-SHA256"),
                Map.entry("Wechatpay-Signature", "YuqSrckVl4HLM2u6MtGhDIzuHWvG65wLXNgVHabtig0="));
    }

    @Test
    void alipay_form_appends_sign_type_and_sign_and_url_encodes_every_value() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("out_trade_no", "PAY1");
        fields.put("total_amount", "12.34");

        assertThat(NotifySignatures.alipayForm("secret", fields)).isEqualTo(
                "trade_status=TRADE_SUCCESS&out_trade_no=PAY1&total_amount=12.34&sign_type=HMAC-SHA256"
                        + "&sign=l0lR08kp0Rt%2BqNNMGS9RjAqUUPkTIuPEGB2Fqjec3mM%3D");
        assertThat(fields).doesNotContainKeys("sign", "sign_type");
    }
}
