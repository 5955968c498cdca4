package org.dualpay.payment.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.PaymentNotice;
import org.junit.jupiter.api.Test;

/** A redelivery is not a replay: only a nonce (or notify id) that comes back saying something else is. */
class ReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-03-01T04:00:00Z");

    /** The notify_nonce table, as INSERT IGNORE and a read of it behave. */
    private final Map<String, String> table = new HashMap<>();
    private final ReplayGuard guard = new ReplayGuard(new ReplayGuard.Nonces() {
        @Override
        public boolean remember(Channel channel, String nonce, String fingerprint, Instant now) {
            if (table.containsKey(channel + ":" + nonce)) {
                return false;
            }
            table.put(channel + ":" + nonce, fingerprint);
            return true;
        }

        @Override
        public String fingerprint(Channel channel, String nonce) {
            return table.get(channel + ":" + nonce);
        }
    });

    private static PaymentNotice notice(Channel channel, long amount) {
        return new PaymentNotice(channel, "AN-1", "PAY1", "T1", amount, NOW.minusSeconds(30));
    }

    @Test
    void should_let_a_first_delivery_through() {
        assertThat(guard.check(Channel.ALIPAY, "AN-1", notice(Channel.ALIPAY, 1999), NOW))
                .isEqualTo(ReplayGuard.Verdict.FIRST);
    }

    @Test
    void should_call_the_same_notice_under_the_same_notify_id_a_redelivery_even_within_one_second() {
        // given Alipay delivered notify AN-1
        guard.check(Channel.ALIPAY, "AN-1", notice(Channel.ALIPAY, 1999), NOW);

        // when it delivers AN-1 again, the same second and later, saying the same
        // then each is a redelivery, never a replay
        assertThat(guard.check(Channel.ALIPAY, "AN-1", notice(Channel.ALIPAY, 1999), NOW))
                .isEqualTo(ReplayGuard.Verdict.REDELIVERY);
        assertThat(guard.check(Channel.ALIPAY, "AN-1", notice(Channel.ALIPAY, 1999), NOW.plusSeconds(4)))
                .isEqualTo(ReplayGuard.Verdict.REDELIVERY);
    }

    @Test
    void should_call_a_reused_nonce_with_another_notice_a_replay() {
        // given a WeChat request with nonce N-1 said 1999 fen
        guard.check(Channel.WECHAT, "N-1", notice(Channel.WECHAT, 1999), NOW);

        // when N-1 comes back saying 1 fen
        // then it is a replay
        assertThat(guard.check(Channel.WECHAT, "N-1", notice(Channel.WECHAT, 1), NOW))
                .isEqualTo(ReplayGuard.Verdict.REPLAYED);
    }

    @Test
    void should_keep_each_channels_nonces_apart() {
        guard.check(Channel.WECHAT, "N-1", notice(Channel.WECHAT, 1999), NOW);

        assertThat(guard.check(Channel.ALIPAY, "N-1", notice(Channel.ALIPAY, 1), NOW))
                .isEqualTo(ReplayGuard.Verdict.FIRST);
    }

    @Test
    void should_call_a_nonce_remembered_before_fingerprints_existed_a_replay() {
        table.put("ALIPAY:AN-1", null);

        assertThat(guard.check(Channel.ALIPAY, "AN-1", notice(Channel.ALIPAY, 1999), NOW))
                .isEqualTo(ReplayGuard.Verdict.REPLAYED);
    }

    @Test
    void should_fingerprint_every_field_of_the_notice() {
        PaymentNotice base = notice(Channel.ALIPAY, 1999);
        String print = ReplayGuard.fingerprint(base);

        assertThat(print).hasSize(64).isEqualTo(ReplayGuard.fingerprint(notice(Channel.ALIPAY, 1999)));
        assertThat(ReplayGuard.fingerprint(new PaymentNotice(Channel.ALIPAY, "AN-1", "PAY1", "T2", 1999,
                base.paidAt()))).isNotEqualTo(print);
        assertThat(ReplayGuard.fingerprint(new PaymentNotice(Channel.ALIPAY, "AN-1", "PAY1", "T1", 1999,
                base.paidAt(), "USD"))).isNotEqualTo(print);
        assertThat(ReplayGuard.fingerprint(new PaymentNotice(Channel.ALIPAY, "AN-1", "PAY1", "T1", 1999,
                base.paidAt().plusSeconds(1)))).isNotEqualTo(print);
    }
}
