package org.dualpay.payment.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.money.Money;
import org.dualpay.payment.domain.NotifyRefusal;
import org.dualpay.payment.domain.PaymentNotice;

/**
 * Alipay, through the official SDK (alipay-sdk-java): the notify is a form post whose {@code sign}
 * (RSA2: SHA256withRSA with Alipay's key over every other non-empty field but {@code sign_type},
 * sorted by name) the SDK's {@link AlipaySignature#rsaCheckV1} checks with Alipay's public key.
 * Amounts are yuan with two decimals, times are Beijing time; the window on {@code notify_time} is
 * checked here. Success is the body {@code success}; anything else makes Alipay retry.
 */
public final class AlipayProtocol implements ChannelProtocol {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final String platformPublicKey;
    private final Duration window;
    private final Clock clock;

    /** @param platformPublicKey Alipay's public key ("支付宝公钥"), Base64 of its X.509 encoding */
    public AlipayProtocol(String platformPublicKey, Duration window, Clock clock) {
        this.platformPublicKey = platformPublicKey;
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
        if (!"RSA2".equals(form.get("sign_type"))) {
            return new NotifyCheck.Refused(NotifyRefusal.BAD_SIGNATURE, "unsupported sign_type " + form.get("sign_type"));
        }
        try {
            // a copy: the SDK may take sign and sign_type out of the map it is given
            if (!AlipaySignature.rsaCheckV1(new HashMap<>(form), platformPublicKey, "UTF-8", "RSA2")) {
                return new NotifyCheck.Refused(NotifyRefusal.BAD_SIGNATURE, "sign does not verify");
            }
        } catch (AlipayApiException | RuntimeException e) {
            return new NotifyCheck.Refused(NotifyRefusal.BAD_SIGNATURE, "sign does not verify: " + e.getMessage());
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

    static Instant beijing(String text) {
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
