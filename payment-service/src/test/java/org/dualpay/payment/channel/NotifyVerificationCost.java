package org.dualpay.payment.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.signing.Keys;
import org.dualpay.common.signing.NotifySignatures;

/**
 * The per-notify cost of verification, printed (a benchmark, not a test): WeChat Pay's RSA signature
 * plus AES-256-GCM decryption through the SDK, Alipay's RSA2 through the SDK, against the HMAC-SHA256
 * check and JSON read the sandbox protocol did before (re-created here, as it was). One thread.
 *
 * <pre>
 * ./mvnw -q -pl payment-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp payment-service/target/test-classes:payment-service/target/classes:$(cat payment-service/target/cp.txt) \
 *     org.dualpay.payment.channel.NotifyVerificationCost
 * </pre>
 */
public final class NotifyVerificationCost {

    private NotifyVerificationCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Instant now = Instant.now();
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);

        WechatProtocol wechat = new WechatProtocol(SignedByPlatform.WECHAT_PLATFORM.getPublic(), SignedByPlatform.KEY_ID,
                SignedByPlatform.API_V3_KEY, Duration.ofMinutes(5), json, clock);
        InboundNotify wechatNotify = SignedByPlatform.wechat(SignedByPlatform.WECHAT_PLATFORM, now, "N-1",
                SignedByPlatform.wechatBody("EV-1", "TRANSACTION.SUCCESS", SignedByPlatform.API_V3_KEY,
                        SignedByPlatform.transaction("PAY1", "4200001", "SUCCESS", 1999, "CNY")));
        AlipayProtocol alipay = new AlipayProtocol(Keys.text(SignedByPlatform.ALIPAY_PLATFORM.getPublic()),
                Duration.ofMinutes(5), clock);
        InboundNotify alipayNotify = new InboundNotify(Map.of(), null, SignedByPlatform.alipay(
                SignedByPlatform.ALIPAY_PLATFORM, SignedByPlatform.alipayFields(
                        AlipayProtocol.TIME.format(now.atZone(AlipayProtocol.BEIJING)), "TRADE_SUCCESS", "19.99")));

        String secret = "hmac-secret-of-the-former-sandbox-protocol";
        String plainBody = "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource_type\":\"plain-resource\","
                + "\"resource\":" + SignedByPlatform.transaction("PAY1", "4200001", "SUCCESS", 1999, "CNY") + "}";
        String timestamp = String.valueOf(now.getEpochSecond());
        String hmacSignature = hmac(secret, NotifySignatures.wechatMessage(timestamp, "N-1", plainBody));

        require(wechat.verify(wechatNotify) instanceof NotifyCheck.Verified, "wechat");
        require(alipay.verify(alipayNotify) instanceof NotifyCheck.Verified, "alipay");
        require(formerHmac(secret, timestamp, plainBody, hmacSignature, json), "hmac");

        System.out.printf("per-notify verification, one thread, %d rounds after as many to warm up%n", rounds);
        for (int pass = 0; pass < 2; pass++) {
            boolean print = pass == 1;
            measure(print, "HMAC-SHA256 + JSON read (the former sandbox protocol)", rounds,
                    () -> formerHmac(secret, timestamp, plainBody, hmacSignature, json));
            measure(print, "WeChat Pay: SHA256withRSA-2048 + AES-256-GCM, SDK parser", rounds,
                    () -> wechat.verify(wechatNotify) instanceof NotifyCheck.Verified);
            measure(print, "Alipay: RSA2-2048 (rsaCheckV1), SDK", rounds,
                    () -> alipay.verify(alipayNotify) instanceof NotifyCheck.Verified);
        }
    }

    private interface Check {
        boolean run() throws Exception;
    }

    private static void measure(boolean print, String what, int rounds, Check check) throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            require(check.run(), what);
        }
        double micros = (System.nanoTime() - started) / 1000.0 / rounds;
        if (print) {
            System.out.printf("  %-60s %8.1f us/notify  (%,.0f notifies/s)%n", what, micros, 1_000_000 / micros);
        }
    }

    private static boolean formerHmac(String secret, String timestamp, String body, String signature, ObjectMapper json)
            throws Exception {
        byte[] expected = hmac(secret, NotifySignatures.wechatMessage(timestamp, "N-1", body))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        JsonNode root = json.readTree(body);
        return root.path("resource").path("amount").path("total").asLong() == 1999;
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " did not verify");
        }
    }

}
