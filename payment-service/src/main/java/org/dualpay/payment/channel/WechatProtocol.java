package org.dualpay.payment.channel;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import org.dualpay.common.channel.Channel;
import org.dualpay.common.signing.NotifySignatures;
import org.dualpay.payment.domain.NotifyRefusal;
import org.dualpay.payment.domain.PaymentNotice;

/**
 * WeChat Pay API v3, through the official SDK (wechatpay-java): the SDK's {@link NotificationParser}
 * checks the platform's SHA256withRSA signature of {@code timestamp\nnonce\nbody\n} with the
 * platform's public key (named by its id in {@code Wechatpay-Serial}) and decrypts the AES-256-GCM
 * {@code resource} under our APIv3 key into the SDK's {@link Transaction}. The SDK does not judge the
 * timestamp: the window is checked here. Success is any 2xx without a body; a refusal is a JSON
 * {@code {"code":"FAIL","message":...}}.
 */
public final class WechatProtocol implements ChannelProtocol {

    /** Thrown by our wrapper of the SDK's cipher: the resource does not decrypt under our key. */
    private static final class Undecryptable extends RuntimeException {
        Undecryptable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final NotificationParser parser;
    private final Duration window;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * @param platformPublicKey WeChat Pay's public key ("微信支付公钥") for verifying what the platform signs
     * @param platformKeyId its id, which the platform sends as {@code Wechatpay-Serial}
     * @param apiV3Key the merchant's APIv3 key (32 characters) the platform encrypts resources with
     */
    public WechatProtocol(PublicKey platformPublicKey, String platformKeyId, String apiV3Key, Duration window,
            ObjectMapper json, Clock clock) {
        RSAPublicKeyNotificationConfig config = new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(platformPublicKey).publicKeyId(platformKeyId).apiV3Key(apiV3Key).build();
        AeadCipher sdkCipher = new AeadAesCipher(apiV3Key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AeadCipher cipher = new AeadCipher() {
            @Override
            public String encrypt(byte[] associatedData, byte[] nonce, byte[] plaintext) {
                return sdkCipher.encrypt(associatedData, nonce, plaintext);
            }

            @Override
            public String decrypt(byte[] associatedData, byte[] nonce, byte[] ciphertext) {
                try {
                    return sdkCipher.decrypt(associatedData, nonce, ciphertext);
                } catch (RuntimeException e) {
                    throw new Undecryptable(e);
                }
            }
        };
        this.parser = new NotificationParser(Map.of(config.getSignType(), config.createVerifier()),
                Map.of(config.getCipherType(), cipher));
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
        String serial = notify.header(NotifySignatures.WECHAT_SERIAL);
        if (timestamp == null || nonce == null || signature == null || serial == null || notify.body() == null) {
            return new NotifyCheck.Refused(NotifyRefusal.MISSING_SIGNATURE, "signature headers or body missing");
        }
        String signType = notify.header(NotifySignatures.WECHAT_SIGNATURE_TYPE);
        // the event's type picks what its resource decrypts into; the signature is checked whatever it says
        boolean refund = eventType(notify.body()).startsWith("REFUND.");
        Object resource;
        try {
            RequestParam request = new RequestParam.Builder().serialNumber(serial).nonce(nonce)
                    .signature(signature).timestamp(timestamp)
                    .signType(signType == null ? NotifySignatures.WECHAT_RSA : signType)
                    .body(notify.body()).build();
            resource = refund ? parser.parse(request, RefundNotification.class) : parser.parse(request, Transaction.class);
        } catch (ValidationException e) {
            return new NotifyCheck.Refused(NotifyRefusal.BAD_SIGNATURE, "signature does not verify (serial " + serial + ")");
        } catch (Undecryptable e) {
            return new NotifyCheck.Refused(NotifyRefusal.UNDECRYPTABLE, "resource does not decrypt: " + e.getMessage());
        } catch (RuntimeException e) {
            // the SDK's MalformedMessageException, a signature that is not Base64, a body that is not JSON
            return new NotifyCheck.Refused(signatureReadable(signature) ? NotifyRefusal.MALFORMED
                    : NotifyRefusal.BAD_SIGNATURE, "not a WeChat Pay notify: " + e.getMessage());
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
            if (resource instanceof RefundNotification reported) {
                return reported.getRefundStatus() == null ? new NotifyCheck.NotAPayment(eventType)
                        : new NotifyCheck.RefundReported(required(reported.getOutRefundNo(), "out_refund_no"),
                                required(reported.getOutTradeNo(), "out_trade_no"),
                                WechatGateway.state(reported.getRefundStatus()), eventType);
            }
            Transaction transaction = (Transaction) resource;
            if (!"TRANSACTION.SUCCESS".equals(eventType) || transaction == null
                    || transaction.getTradeState() != Transaction.TradeStateEnum.SUCCESS) {
                return new NotifyCheck.NotAPayment(eventType);
            }
            String currency = transaction.getAmount() == null || transaction.getAmount().getCurrency() == null
                    ? PaymentNotice.CNY : transaction.getAmount().getCurrency();
            return new NotifyCheck.Verified(new PaymentNotice(Channel.WECHAT, required(root.path("id").asText(null), "id"),
                    required(transaction.getOutTradeNo(), "out_trade_no"),
                    required(transaction.getTransactionId(), "transaction_id"),
                    transaction.getAmount() == null || transaction.getAmount().getTotal() == null ? -1
                            : transaction.getAmount().getTotal(),
                    OffsetDateTime.parse(required(transaction.getSuccessTime(), "success_time")).toInstant(),
                    currency), nonce);
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
        try {
            return new NotifyAnswer(status, "application/json",
                    "{\"code\":\"FAIL\",\"message\":" + json.writeValueAsString(message) + "}");
        } catch (Exception e) {
            return new NotifyAnswer(status, "application/json", "{\"code\":\"FAIL\"}");
        }
    }

    private String eventType(String body) {
        try {
            return json.readTree(body).path("event_type").asText("");
        } catch (Exception e) {
            return ""; // the parser below says what is wrong with it
        }
    }

    private static boolean signatureReadable(String signature) {
        try {
            java.util.Base64.getDecoder().decode(signature);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value;
    }
}
