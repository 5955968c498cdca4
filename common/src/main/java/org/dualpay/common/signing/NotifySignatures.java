package org.dualpay.common.signing;

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
}
