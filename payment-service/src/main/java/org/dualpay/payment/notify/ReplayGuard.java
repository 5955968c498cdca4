package org.dualpay.payment.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.dualpay.common.channel.Channel;
import org.dualpay.payment.domain.PaymentNotice;

/**
 * Tells a replay from a redelivery. Channels deliver one notify again and again until they are
 * answered, some of them (Alipay) under the same notify id; each delivery is genuine and must be
 * answered success once the notify is stored. A replay is a nonce (or notify id) that comes back
 * saying something else: the guard remembers, with each nonce, a fingerprint of the verified
 * notice, and compares. A stale timestamp is refused before the guard is asked (the window).
 */
final class ReplayGuard {

    /** Where nonces are remembered (the {@code notify_nonce} table), shared by every instance. */
    interface Nonces {

        /** Remembers the nonce unless it is known; false when it was known already. */
        boolean remember(Channel channel, String nonce, String fingerprint, Instant now);

        /** The fingerprint remembered with a known nonce (null for a row older than fingerprints). */
        String fingerprint(Channel channel, String nonce);
    }

    enum Verdict {
        /** a nonce never seen: the notify goes on */
        FIRST,
        /** the nonce was seen with the same notice: the channel delivers it again, answered from the inbox */
        REDELIVERY,
        /** the nonce was seen with another notice: refused */
        REPLAYED
    }

    private final Nonces nonces;

    ReplayGuard(Nonces nonces) {
        this.nonces = nonces;
    }

    Verdict check(Channel channel, String nonce, PaymentNotice notice, Instant now) {
        String fingerprint = fingerprint(notice);
        if (nonces.remember(channel, nonce, fingerprint, now)) {
            return Verdict.FIRST;
        }
        return fingerprint.equals(nonces.fingerprint(channel, nonce)) ? Verdict.REDELIVERY : Verdict.REPLAYED;
    }

    /** SHA-256 (hex) of everything the notice says; two deliveries of one notify have the same one. */
    static String fingerprint(PaymentNotice notice) {
        String text = String.join("\n", notice.channel().name(), notice.notifyId(), notice.outTradeNo(),
                notice.channelTradeNo(), Long.toString(notice.amount()), String.valueOf(notice.currency()),
                String.valueOf(notice.paidAt()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
