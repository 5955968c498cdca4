package org.dualpay.common.signing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What each channel signs in its notify. The channel sandbox signs with these and payment-service
 * verifies with them; the unit tests pin the exact strings.
 *
 * <ul>
 *   <li>WeChat Pay v3 style: {@code timestamp + "\n" + nonce + "\n" + body + "\n"}, the values coming
 *       from the {@code Wechatpay-Timestamp} and {@code Wechatpay-Nonce} headers and the raw JSON body.
 *   <li>Alipay style: every form field except {@code sign} and {@code sign_type} and empty values,
 *       sorted by name, joined as {@code k=v&k=v}.
 * </ul>
 *
 * <p>{@link #wechatHeaders} and {@link #alipayForm} sign a whole notify as a channel sends it: every
 * signer (the sandbox, the cluster tests) goes through them.
 */
public final class NotifySignatures {

    public static final String WECHAT_TIMESTAMP = "Wechatpay-Timestamp";
    public static final String WECHAT_NONCE = "Wechatpay-Nonce";
    public static final String WECHAT_SIGNATURE = "Wechatpay-Signature";
    public static final String WECHAT_SIGNATURE_TYPE = "Wechatpay-Signature-Type";
    public static final String SIGNATURE_TYPE = "HMAC-SHA256";

    private NotifySignatures() {
    }

    public static String wechatMessage(String timestamp, String nonce, String body) {
        return timestamp + "\n" + nonce + "\n" + body + "\n";
    }

    public static String alipayMessage(Map<String, String> fields) {
        return new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && !e.getKey().equals("sign_type"))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /**
     * The headers of a signed WeChat notify, in this order: timestamp, nonce, signature type and the
     * signature of {@link #wechatMessage}.
     */
    public static Map<String, String> wechatHeaders(String secret, String timestamp, String nonce, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WECHAT_TIMESTAMP, timestamp);
        headers.put(WECHAT_NONCE, nonce);
        headers.put(WECHAT_SIGNATURE_TYPE, SIGNATURE_TYPE);
        headers.put(WECHAT_SIGNATURE, HmacSha256.sign(secret, wechatMessage(timestamp, nonce, body)));
        return headers;
    }

    /**
     * The body of a signed Alipay notify: the fields in their order, then {@code sign_type} and the
     * {@code sign} of {@link #alipayMessage}, each value URL-encoded (UTF-8), joined as {@code k=v&k=v}.
     */
    public static String alipayForm(String secret, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("sign_type", SIGNATURE_TYPE);
        form.put("sign", HmacSha256.sign(secret, alipayMessage(form)));
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
