package org.dualpay.payment.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.wechat.pay.java.service.refund.model.Refund;
import org.junit.jupiter.api.Test;

/** WeChat Pay's refund answers, as the SDK reads them, in our three refund states. */
class WechatRefundStateTest {

    private final Gson gson = new Gson();

    @Test
    void should_read_success_processing_and_the_failures_the_merchant_must_act_on() {
        assertThat(WechatGateway.state("refund", refund("SUCCESS"))).isEqualTo(ChannelGateway.RefundState.SUCCESS);
        assertThat(WechatGateway.state("refund", refund("PROCESSING"))).isEqualTo(ChannelGateway.RefundState.PROCESSING);
        assertThat(WechatGateway.state("refund", refund("ABNORMAL"))).isEqualTo(ChannelGateway.RefundState.FAILED);
        assertThat(WechatGateway.state("refund", refund("CLOSED"))).isEqualTo(ChannelGateway.RefundState.FAILED);
    }

    @Test
    void should_count_a_status_the_sdk_does_not_know_and_an_empty_answer_as_failures_of_the_call() {
        assertThatThrownBy(() -> WechatGateway.state("refund", refund("REFUND_IN_LIMBO")))
                .isInstanceOf(ChannelUnavailableException.class).hasMessageContaining("unknown refund status");
        assertThatThrownBy(() -> WechatGateway.state("query refund", null))
                .isInstanceOf(ChannelUnavailableException.class).hasMessageContaining("without a refund status");
    }

    @Test
    void should_write_times_as_wechat_reads_them_whole_seconds_and_offset() {
        assertThat(WechatGateway.RFC3339.format(java.time.Instant.parse("2026-11-25T02:50:00.123Z")
                .atZone(java.time.ZoneId.of("Asia/Shanghai")))).isEqualTo("2026-11-25T10:50:00+08:00");
    }

    private Refund refund(String status) {
        return gson.fromJson("{\"out_refund_no\":\"RF1\",\"status\":\"" + status + "\"}", Refund.class);
    }
}
