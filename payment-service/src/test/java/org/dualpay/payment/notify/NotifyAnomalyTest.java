package org.dualpay.payment.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.AttemptStatus;
import org.dualpay.payment.domain.PaymentNotice;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.trade.PaymentProperties;
import org.junit.jupiter.api.Test;

class NotifyAnomalyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static AttemptRow attempt(AttemptStatus status, String tradeNo) {
        AttemptRow attempt = new AttemptRow();
        attempt.outTradeNo = "PAY1";
        attempt.channel = Channel.WECHAT;
        attempt.amount = 1999L;
        attempt.status = status;
        attempt.channelTradeNo = tradeNo;
        return attempt;
    }

    private static PaymentNotice notice(long amount, String currency, String tradeNo) {
        return new PaymentNotice(Channel.WECHAT, "N1", "PAY1", tradeNo, amount, NOW, currency);
    }

    @Test
    void should_agree_when_channel_currency_and_amount_match() {
        assertThat(HandleNotify.anomaly(Channel.WECHAT, attempt(AttemptStatus.CREATED, null), notice(1999, "CNY", "T1"))).isNull();
        assertThat(HandleNotify.anomaly(Channel.WECHAT, attempt(AttemptStatus.SUCCESS, "T1"), notice(1999, "CNY", "T1"))).isNull();
    }

    @Test
    void should_call_one_fen_short_an_amount_anomaly() {
        assertThat(HandleNotify.anomaly(Channel.WECHAT, attempt(AttemptStatus.CREATED, null), notice(1998, "CNY", "T1")))
                .startsWith("AMOUNT_MISMATCH");
    }

    @Test
    void should_call_another_currency_or_channel_or_second_trade_an_anomaly() {
        assertThat(HandleNotify.anomaly(Channel.WECHAT, attempt(AttemptStatus.CREATED, null), notice(1999, "USD", "T1")))
                .startsWith("CURRENCY_MISMATCH");
        assertThat(HandleNotify.anomaly(Channel.ALIPAY, attempt(AttemptStatus.CREATED, null), notice(1999, "CNY", "T1")))
                .startsWith("CHANNEL_MISMATCH");
        assertThat(HandleNotify.anomaly(Channel.WECHAT, attempt(AttemptStatus.SUCCESS, "T1"), notice(1999, "CNY", "T2")))
                .startsWith("TRADE_NO_MISMATCH");
    }

    @Test
    void should_push_the_next_query_of_an_attempt_further_out_each_time() {
        PaymentProperties properties = new PaymentProperties(Duration.ofMinutes(10), Duration.ofMinutes(2),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(5), 100);
        assertThat(properties.queryBackoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.queryBackoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.queryBackoff(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(properties.queryBackoff(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.queryBackoff(50)).isEqualTo(Duration.ofMinutes(5));
    }
}
