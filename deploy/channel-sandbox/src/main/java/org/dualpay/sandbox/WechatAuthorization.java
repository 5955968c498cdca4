package org.dualpay.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WeChat Pay API v3's check of a merchant's request, as the platform does it: the {@code Authorization}
 * header {@code WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",timestamp="..",serial_no="..",signature=".."}
 * carries SHA256withRSA with the merchant's key over
 * {@code method\nurl\ntimestamp\nnonce\nbody\n} (url: path and query). Pure: a result, never an exception.
 */
final class WechatAuthorization {

    static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    /** Why a request was refused, or null when it is the merchant's. */
    static String refusal(String authorization, String method, String url, String body, String merchantId,
            String merchantSerial, PublicKey merchantKey, Instant now) {
        if (authorization == null || !authorization.startsWith(SCHEMA + " ")) {
            return "no " + SCHEMA + " Authorization";
        }
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = FIELD.matcher(authorization.substring(SCHEMA.length() + 1));
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        for (String name : new String[] {"mchid", "nonce_str", "timestamp", "serial_no", "signature"}) {
            if (fields.get(name) == null || fields.get(name).isEmpty()) {
                return "Authorization without " + name;
            }
        }
        if (!fields.get("mchid").equals(merchantId)) {
            return "unknown mchid " + fields.get("mchid");
        }
        if (!fields.get("serial_no").equals(merchantSerial)) {
            return "unknown merchant certificate serial " + fields.get("serial_no");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(fields.get("timestamp"));
        } catch (NumberFormatException e) {
            return "timestamp is not a number";
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(WINDOW) > 0) {
            return "timestamp outside five minutes";
        }
        String message = method + "\n" + url + "\n" + fields.get("timestamp") + "\n" + fields.get("nonce_str") + "\n"
                + (body == null ? "" : body) + "\n";
        return verifies(merchantKey, message, fields.get("signature")) ? null : "signature does not verify";
    }

    static boolean verifies(PublicKey key, String message, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private WechatAuthorization() {
    }
}
