package org.dualpay.common.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA keys as the channels hand them out and as our settings hold them: Base64 of the DER encoding
 * (PKCS#8 for a private key, X.509 SubjectPublicKeyInfo for a public one), one line; a PEM text is
 * read too (its armour and line breaks are skipped). That is the form Alipay's console gives and
 * WeChat Pay's SDK reads.
 */
public final class Keys {

    private Keys() {
    }

    public static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA private key (Base64 of PKCS#8 DER, or PEM)", e);
        }
    }

    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key (Base64 of X.509 DER, or PEM)", e);
        }
    }

    /** A fresh 2048-bit RSA key pair (tests, forgers, and a sandbox given no keys). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** The one-line Base64 form of a key's encoding. */
    public static String text(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static byte[] der(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no key given");
        }
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
