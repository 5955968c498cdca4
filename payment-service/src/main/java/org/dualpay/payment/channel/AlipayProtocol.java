package org.dualpay.payment.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.dualpay.common.channel.Channel;
import org.dualpay.common.money.Money;
import org.dualpay.common.signing.HmacSha256;
import org.dualpay.common.signing.NotifySignatures;
import org.dualpay.payment.domain.NotifyRefusal;
import org.dualpay.payment.domain.PaymentNotice;

/**
 * Alipay style: the notify is a form post; {@code sign} covers every other non-empty field but
 * {@code sign_type}, sorted by name. Amounts are yuan with two decimals, times are Beijing time.
 * The real channel signs with RSA2; the sandbox uses HMAC-SHA256. Success is the body
 * {@code success}; anything else makes Alipay retry.
 */
public final class AlipayProtocol implements ChannelProtocol {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final String secret;
    private final Duration window;
    private final Clock clock;

    public AlipayProtocol(String secret, Duration window, Clock clock) {
        this.secret = secret;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.ALIPAY;
    }

    @Override
    public NotifyCheck verify(InboundNotify notify) {
        Map<String, String> form = notify.form();
        if (form == null || form.get("sign") == null) {
            return new NotifyCheck.Refused(NotifyRefusal.MISSING_SIGNATURE, "sign missing");
        }
        if (!NotifySignatures.SIGNATURE_TYPE.equals(form.get("sign_type"))) {
            return new NotifyCheck.Refused(NotifyRefusal.BAD_SIGNATURE, "unsupported sign_type " + form.get("sign_type"));
        }
        if (!HmacSha256.verify(secret, NotifySignatures.alipayMessage(form), form.get("sign"))) {
            return new NotifyCheck.Refused(NotifyRefusal.BAD_SIGNATURE, "sign does not match");
        }
        try {
            Instant sentAt = beijing(form.get("notify_time"));
            if (Duration.between(sentAt, clock.instant()).abs().compareTo(window) > 0) {
                return new NotifyCheck.Refused(NotifyRefusal.STALE_TIMESTAMP, "notify_time outside the " + window + " window");
            }
            String status = form.get("trade_status");
            if (!"TRADE_SUCCESS".equals(status) && !"TRADE_FINISHED".equals(status)) {
                return new NotifyCheck.NotAPayment(status);
            }
            return new NotifyCheck.Verified(new PaymentNotice(Channel.ALIPAY, required(form, "notify_id"),
                    required(form, "out_trade_no"), required(form, "trade_no"),
                    Money.fromYuan(form.get("total_amount")), beijing(form.get("gmt_payment")),
                    form.getOrDefault("trans_currency", PaymentNotice.CNY)),
                    form.get("notify_id"));
        } catch (RuntimeException e) {
            return new NotifyCheck.Refused(NotifyRefusal.MALFORMED, "not an Alipay notify: " + e.getMessage());
        }
    }

    @Override
    public NotifyAnswer acknowledge() {
        return new NotifyAnswer(200, "text/plain", "success");
    }

    @Override
    public NotifyAnswer reject(int status, String message) {
        return new NotifyAnswer(status, "text/plain", "fail");
    }

    private static Instant beijing(String text) {
        if (text == null) {
            throw new IllegalArgumentException("time missing");
        }
        return LocalDateTime.parse(text, TIME).atZone(BEIJING).toInstant();
    }

    private static String required(Map<String, String> form, String field) {
        String value = form.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value;
    }
}
