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
}
