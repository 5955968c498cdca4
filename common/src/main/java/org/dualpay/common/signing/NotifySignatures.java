package org.dualpay.common.signing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How each channel signs (and WeChat Pay encrypts) a notify, as the platforms do it: the channel
 * sandbox and the cluster tests, who play the platforms, sign with these; payment-service verifies
 * through the channels' own SDKs, so the two sides share no code.
 *
 * <ul>
 *   <li>WeChat Pay API v3: SHA256withRSA with the platform's key over
 *       {@code timestamp + "\n" + nonce + "\n" + body + "\n"}, Base64, in the {@code Wechatpay-Signature}
 *       header beside {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce}, {@code Wechatpay-Serial} (the
 *       platform key's id) and {@code Wechatpay-Signature-Type}; the body's {@code resource} encrypted
 *       with AEAD_AES_256_GCM under the merchant's APIv3 key (12-character nonce, associated data, the
 *       16-byte tag appended to the ciphertext, Base64).
 *   <li>Alipay: RSA2 (SHA256withRSA) with the platform's key over every field but {@code sign} and
 *       {@code sign_type} and empty values, sorted by name, joined as {@code k=v&k=v}, Base64.
 * </ul>
 */
public final class NotifySignatures {

    public static final String WECHAT_TIMESTAMP = "Wechatpay-Timestamp";
    public static final String WECHAT_NONCE = "Wechatpay-Nonce";
    public static final String WECHAT_SIGNATURE = "Wechatpay-Signature";
    public static final String WECHAT_SIGNATURE_TYPE = "Wechatpay-Signature-Type";
    public static final String WECHAT_SERIAL = "Wechatpay-Serial";
    public static final String WECHAT_RSA = "WECHATPAY2-SHA256-RSA2048";
    public static final String WECHAT_AES_GCM = "AEAD_AES_256_GCM";
    public static final String ALIPAY_RSA2 = "RSA2";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NONCE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

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

    /** SHA256withRSA over UTF-8 text, Base64: what both channels call RSA2 / SHA256-RSA2048. */
    public static String sha256WithRsa(PrivateKey key, String message) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA failed", e);
        }
    }

    /**
     * The headers of a signed WeChat notify, in this order: timestamp, nonce, serial, signature type and
     * the signature of {@link #wechatMessage}.
     */
    public static Map<String, String> wechatHeaders(PrivateKey platformKey, String serial, String timestamp,
            String nonce, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WECHAT_TIMESTAMP, timestamp);
        headers.put(WECHAT_NONCE, nonce);
        headers.put(WECHAT_SERIAL, serial);
        headers.put(WECHAT_SIGNATURE_TYPE, WECHAT_RSA);
        headers.put(WECHAT_SIGNATURE, sha256WithRsa(platformKey, wechatMessage(timestamp, nonce, body)));
        return headers;
    }

    /**
     * A notify's {@code resource}: {@code plaintext} (the JSON of the transaction or refund) encrypted with
     * AEAD_AES_256_GCM under the APIv3 key, with a fresh 12-character nonce.
     */
    public static Map<String, Object> wechatResource(String apiV3Key, String originalType, String associatedData,
            String plaintext) {
        String nonce = nonce(12);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("original_type", originalType);
        resource.put("algorithm", WECHAT_AES_GCM);
        resource.put("ciphertext", aesGcm(apiV3Key, nonce, associatedData, plaintext));
        resource.put("associated_data", associatedData);
        resource.put("nonce", nonce);
        return resource;
    }

    /** AES-256-GCM with a 128-bit tag, Base64 of ciphertext and tag. */
    public static String aesGcm(String apiV3Key, String nonce, String associatedData, String plaintext) {
        byte[] key = apiV3Key.getBytes(StandardCharsets.UTF_8);
        if (key.length != 32) {
            throw new IllegalArgumentException("an APIv3 key is 32 bytes, this one " + key.length);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            if (associatedData != null) {
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /**
     * The body of a signed Alipay notify: the fields in their order, then {@code sign_type} RSA2 and the
     * {@code sign} of {@link #alipayMessage}, each value URL-encoded (UTF-8), joined as {@code k=v&k=v}.
     */
    public static String alipayForm(PrivateKey platformKey, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("sign_type", ALIPAY_RSA2);
        form.put("sign", sha256WithRsa(platformKey, alipayMessage(form)));
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Random letters and digits, as WeChat Pay's nonces are. */
    public static String nonce(int length) {
        StringBuilder nonce = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            nonce.append(NONCE_CHARACTERS.charAt(RANDOM.nextInt(NONCE_CHARACTERS.length())));
        }
        return nonce.toString();
    }
}
