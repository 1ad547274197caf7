package dev.orc.reconciler.join;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals the cluster's shared secrets with a key derived from the cluster token, as k3s seals its bootstrap data:
 * PBKDF2-HMAC-SHA256 over the token with a random salt gives an AES-256-GCM key; the sealed form is JSON with the
 * salt, the nonce and the ciphertext. Only the same token opens it; a wrong one fails GCM's authentication.
 */
final class TokenSealer {
    private static final String FORMAT = "orc-cluster-secrets/v1";
    private static final int ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSealer() {
    }

    static byte[] seal(String token, byte[] plain) {
        byte[] salt = random(SALT_BYTES);
        byte[] nonce = random(NONCE_BYTES);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, token, salt, nonce, plain);
        ObjectNode out = Json.object().put("format", FORMAT);
        Base64.Encoder b64 = Base64.getEncoder();
        out.put("salt", b64.encodeToString(salt)).put("nonce", b64.encodeToString(nonce))
                .put("data", b64.encodeToString(sealed));
        return Json.write(out).getBytes(StandardCharsets.UTF_8);
    }

    /** The plain bytes; {@link WrongClusterTokenException} when {@code token} is not the one that sealed them. */
    static byte[] open(String token, byte[] sealedForm) {
        ObjectNode in = (ObjectNode) Json.parse(new String(sealedForm, StandardCharsets.UTF_8));
        if (!FORMAT.equals(in.path("format").asText())) {
            throw new IllegalStateException("the cluster's shared secrets are in an unknown format: "
                    + in.path("format").asText("<none>"));
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return run(Cipher.DECRYPT_MODE, token, b64.decode(in.path("salt").asText()), b64.decode(in.path("nonce").asText()),
                b64.decode(in.path("data").asText()));
    }

    private static byte[] run(int mode, String token, byte[] salt, byte[] nonce, byte[] input) {
        try {
            PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), salt, ITERATIONS, 256);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(FORMAT.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException wrongToken) {
            throw new WrongClusterTokenException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal or open the cluster's shared secrets: " + e.getMessage(), e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }
}
