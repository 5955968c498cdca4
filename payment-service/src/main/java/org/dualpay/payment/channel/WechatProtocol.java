package org.dualpay.payment.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.HmacSha256;
import org.dualpay.common.signing.NotifySignatures;
import org.dualpay.payment.domain.NotifyRefusal;
import org.dualpay.payment.domain.PaymentNotice;

/**
 * WeChat Pay v3 style: the notify is JSON; {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce} and
 * {@code Wechatpay-Signature} headers sign {@code timestamp\nnonce\nbody\n}. The real channel signs
 * with RSA and encrypts {@code resource} with AES-GCM; the sandbox uses HMAC-SHA256 and plain text,
 * which keeps every check that matters here. Success is any 2xx without a body.
 */
public final class WechatProtocol implements ChannelProtocol {

    private final String secret;
    private final Duration window;
    private final ObjectMapper json;
    private final Clock clock;

    public WechatProtocol(String secret, Duration window, ObjectMapper json, Clock clock) {
        this.secret = secret;
        this.window = window;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    public NotifyCheck verify(InboundNotify notify) {
        String timestamp = notify.header(NotifySignatures.WECHAT_TIMESTAMP);
        String nonce = notify.header(NotifySignatures.WECHAT_NONCE);
        String signature = notify.header(NotifySignatures.WECHAT_SIGNATURE);
        if (timestamp == null || nonce == null || signature == null || notify.body() == null) {
            return new NotifyCheck.Refused(NotifyRefusal.MISSING_SIGNATURE, "signature headers or body missing");
        }
        if (!HmacSha256.verify(secret, NotifySignatures.wechatMessage(timestamp, nonce, notify.body()), signature)) {
            return new NotifyCheck.Refused(NotifyRefusal.BAD_SIGNATURE, "signature does not match");
        }
        Instant sentAt;
        try {
            sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            return new NotifyCheck.Refused(NotifyRefusal.MALFORMED, "timestamp is not epoch seconds");
        }
        if (Duration.between(sentAt, clock.instant()).abs().compareTo(window) > 0) {
            return new NotifyCheck.Refused(NotifyRefusal.STALE_TIMESTAMP, "timestamp outside the " + window + " window");
        }
        try {
            JsonNode root = json.readTree(notify.body());
            String eventType = root.path("event_type").asText();
            JsonNode resource = root.path("resource");
            if (!"TRANSACTION.SUCCESS".equals(eventType) || !"SUCCESS".equals(resource.path("trade_state").asText())) {
                return new NotifyCheck.NotAPayment(eventType);
            }
            return new NotifyCheck.Verified(new PaymentNotice(Channel.WECHAT, required(root, "id"),
                    required(resource, "out_trade_no"), required(resource, "transaction_id"),
                    resource.path("amount").path("total").asLong(-1),
                    OffsetDateTime.parse(required(resource, "success_time")).toInstant(),
                    resource.path("amount").path("currency").asText(PaymentNotice.CNY)), nonce);
        } catch (Exception e) {
            return new NotifyCheck.Refused(NotifyRefusal.MALFORMED, "body is not a WeChat Pay notify: " + e.getMessage());
        }
    }

    @Override
    public NotifyAnswer acknowledge() {
        return new NotifyAnswer(204, null, null);
    }

    @Override
    public NotifyAnswer reject(int status, String message) {
        String body = "{\"code\":\"FAIL\",\"message\":" + quote(message) + "}";
        return new NotifyAnswer(status, "application/json", body);
    }

    private String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (Exception e) {
            return "\"\"";
        }
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value;
    }
}
