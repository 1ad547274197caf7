package dev.orc.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * The server's signed credentials in one shape: a text and its ECDSA signature with the cluster CA's key, each
 * base64url, joined by a dot. The requests the server makes to nodes and the tokens of service accounts are both
 * built on it; each starts its text differently, so one can never be read as the other.
 */
public final class SignedText {
    private static final String ALGORITHM = "SHA256withECDSA";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SignedText() {
    }

    /** {@code text} and its signature with {@code key}, as sent in {@code Authorization: Bearer ...}. */
    public static String sign(PrivateKey key, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(payload);
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** The text of {@code presented} if {@code key} signed it; empty for anything else. */
    public static Optional<String> verify(PublicKey key, String presented) {
        int dot = presented.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(presented.substring(0, dot));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(payload);
            return signature.verify(DECODER.decode(presented.substring(dot + 1)))
                    ? Optional.of(new String(payload, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
