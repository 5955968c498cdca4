package org.dualpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.NotifySignatures;
import org.junit.jupiter.api.Test;

/** WeChat Pay's refund notify as the sandbox sends it, read back by WeChat Pay's own SDK, as a merchant reads it. */
class RefundNotifyMessageTest {

    static final Instant NOW = NotifyTamperTest.NOW;

    final NotifyMessages messages = new NotifyMessages(new ObjectMapper());
    final NotificationParser parser = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
            .publicKey(NotifyTamperTest.WECHAT.getPublic()).publicKeyId("PUB_KEY_ID_SANDBOX")
            .apiV3Key(NotifyTamperTest.API_V3_KEY).build());

    @Test
    void should_report_a_finished_refund_signed_and_encrypted_as_wechat_pay_does() {
        NotifyMessages.Message message = messages.refund(refund(Refund.Status.SUCCESS), trade(), NotifyTamperTest.KEYS, NOW);

        RefundNotification reported = parse(message);

        assertThat(message.body()).contains("\"event_type\":\"REFUND.SUCCESS\"");
        assertThat(reported.getOutRefundNo()).isEqualTo("RF1");
        assertThat(reported.getOutTradeNo()).isEqualTo("PAY1");
        assertThat(reported.getTransactionId()).isEqualTo("4200000001");
        assertThat(reported.getRefundStatus()).isEqualTo(Status.SUCCESS);
        assertThat(reported.getAmount().getRefund()).isEqualTo(1234L);
        assertThat(reported.getSuccessTime()).isNotBlank();
    }

    @Test
    void should_report_a_failed_refund_as_abnormal() {
        NotifyMessages.Message message = messages.refund(refund(Refund.Status.FAILED), trade(), NotifyTamperTest.KEYS, NOW);

        assertThat(message.body()).contains("\"event_type\":\"REFUND.ABNORMAL\"");
        assertThat(parse(message).getRefundStatus()).isEqualTo(Status.ABNORMAL);
    }

    @Test
    void should_send_no_refund_notify_for_alipay_which_answers_refunds_at_once() {
        Refund.View alipay = new Refund.View(Channel.ALIPAY, "RF1", "PAY1", 1234, Refund.Status.SUCCESS, 1, NOW, NOW,
                "http://127.0.0.1:1/notify", NOW, List.of());

        assertThatThrownBy(() -> messages.refund(alipay, trade(), NotifyTamperTest.KEYS, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private RefundNotification parse(NotifyMessages.Message message) {
        Map<String, String> headers = message.headers();
        return parser.parse(new RequestParam.Builder().serialNumber(headers.get(NotifySignatures.WECHAT_SERIAL))
                .nonce(headers.get(NotifySignatures.WECHAT_NONCE)).signature(headers.get(NotifySignatures.WECHAT_SIGNATURE))
                .timestamp(headers.get(NotifySignatures.WECHAT_TIMESTAMP)).body(message.body()).build(),
                RefundNotification.class);
    }

    private static Refund.View refund(Refund.Status status) {
        Instant finished = NOW.minusSeconds(1);
        return new Refund.View(Channel.WECHAT, "RF1", "PAY1", 1234, status, 1, NOW.minusSeconds(2),
                status == Refund.Status.SUCCESS ? finished : null, "http://127.0.0.1:1/notify", finished, List.of());
    }

    private static Trade.View trade() {
        return new Trade.View(Channel.WECHAT, "PAY1", 1234, "test", "http://127.0.0.1:1/notify", NOW.plusSeconds(600),
                Trade.Status.SUCCESS, "4200000001", NOW.minusSeconds(60), "http://pay", "EV1", Trade.NotifyState.DELIVERED,
                List.of());
    }
}
