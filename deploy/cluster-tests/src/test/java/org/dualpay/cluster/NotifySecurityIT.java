package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.dualpay.common.signing.PlatformKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Notifies that must never be processed: each refused, and nothing changes. */
class NotifySecurityIT {

    private static final String SKU = "SKU-CABLE";

    private final Cluster cluster = new Cluster();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WECHAT", "ALIPAY"})
    void should_refuse_forged_altered_unknown_and_stale_notifies_and_change_nothing(String channel) {
        // given an order with an open channel trade
        cluster.setStock(SKU, 100);
        JsonNode order = cluster.createOrder("security-" + channel, SKU, 1);
        String orderNo = order.path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, channel).path("outTradeNo").asText();
        long amount = order.path("totalAmount").asLong();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PlatformKeys secret = cluster.platformKeys;
        var genuine = new SignedNotifies.Paid(channel, outTradeNo, "T" + System.nanoTime(), amount, now);
        String badSignature = "dualpay_notify_refused_total{channel=\"" + channel + "\",reason=\"BAD_SIGNATURE\"";
        double refusedBefore = cluster.metric(cluster.paymentUrl, badSignature);

        // when / then: signed with a key that is not the channel's
        assertRefused(channel, SignedNotifies.signed(genuine, cluster.platformKeys.forged()), 401);
        // (signed correctly but for another amount than the trade's: real money, stored and refunded, see NotifyAnomalyIT)
        // signed correctly, but for a trade we never opened (a notify of its own: its own notify id and nonce)
        assertRefused(channel, SignedNotifies.signed(
                new SignedNotifies.Paid(channel, "PAY-NOT-OURS", "T" + System.nanoTime(), amount, now), secret), 400);
        // signed correctly, but sent an hour ago (a replay)
        assertRefused(channel, SignedNotifies.signed(genuine, secret, now.minus(Duration.ofHours(1))), 400);

        // and nothing changed
        assertThat(cluster.order(orderNo).path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(cluster.payment(orderNo).path("attempts").get(0).path("status").asText()).isEqualTo("CREATED");
        assertThat(cluster.stock(SKU)).isEqualTo(100);
        // each logged as a security event of this channel (lines of this scenario only)
        String refused = "notify refused: channel=" + channel + " reason=";
        assertThat(cluster.awaitPaymentLogLine(refused + "BAD_SIGNATURE")).isNotBlank();
        assertThat(cluster.awaitPaymentLogLine(refused + "UNKNOWN_TRADE", "outTradeNo=PAY-NOT-OURS")).isNotBlank();
        assertThat(cluster.awaitPaymentLogLine(refused + "STALE_TIMESTAMP")).isNotBlank();
        // and counted
        assertThat(cluster.metric(cluster.paymentUrl, badSignature)).isEqualTo(refusedBefore + 1);
    }

    private void assertRefused(String channel, SignedNotifies.Request request, int status) {
        Cluster.Answer answer = cluster.raw(cluster.paymentUrl + "/api/payments/notify/" + channel,
                request.contentType(), request.body(), request.headers());
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(SignedNotifies.acknowledged(channel, answer)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WECHAT", "ALIPAY"})
    void should_answer_a_redelivery_from_the_inbox_and_refuse_a_reused_nonce_with_another_payload(String channel) {
        // given a genuine notify that was accepted
        cluster.setStock(SKU, 100);
        JsonNode order = cluster.createOrder("replay-" + channel, SKU, 1);
        String orderNo = order.path("orderNo").asText();
        String outTradeNo = cluster.startPayment(orderNo, channel).path("outTradeNo").asText();
        PlatformKeys secret = cluster.platformKeys;
        long amount = order.path("totalAmount").asLong();
        String channelTradeNo = "T" + System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String nonce = "N-" + System.nanoTime();
        var request = SignedNotifies.signed(new SignedNotifies.Paid(channel, outTradeNo, channelTradeNo, amount, now),
                secret, Instant.now(), nonce);
        String url = cluster.paymentUrl + "/api/payments/notify/" + channel;
        assertThat(SignedNotifies.acknowledged(channel,
                cluster.raw(url, request.contentType(), request.body(), request.headers()))).isTrue();
        cluster.awaitPaid(orderNo, SKU, 99);

        // when the very same request (same nonce, same signature) is delivered again
        Cluster.Answer redelivered = cluster.raw(url, request.contentType(), request.body(), request.headers());

        // then it is a redelivery: acknowledged from the inbox, and nothing changes
        assertThat(SignedNotifies.acknowledged(channel, redelivered)).as(redelivered.body()).isTrue();
        assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ?", outTradeNo))
                .isEqualTo(1);

        // when the same nonce (Alipay: the same notify id) comes back signed over another payload
        var reused = SignedNotifies.signed(new SignedNotifies.Paid(channel, outTradeNo, channelTradeNo, amount + 100,
                now), secret, Instant.now(), nonce);
        Cluster.Answer replayed = cluster.raw(url, reused.contentType(), reused.body(), reused.headers());

        // then it is refused as a replay, and nothing changes
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(400);
        cluster.awaitPaymentLogLine("notify refused: channel=" + channel + " reason=REPLAYED", "outTradeNo=" + outTradeNo);
        assertThat(cluster.stock(SKU)).isEqualTo(99);
        assertThat(cluster.count("payment_db", "SELECT COUNT(*) FROM notify_inbox WHERE out_trade_no = ?", outTradeNo))
                .isEqualTo(1);
    }
}
