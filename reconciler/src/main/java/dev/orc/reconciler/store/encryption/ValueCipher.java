package dev.orc.reconciler.store.encryption;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * AES-256-GCM for stored values: {@code orc:aesgcm:v1:<key name>:} then a 12-byte nonce and the ciphertext
 * with its tag. The key (the store key of the object) is bound in as associated data, so a value copied to
 * another key does not decrypt. A value without the prefix is refused ({@link UnencryptedValueException}).
 */
final class ValueCipher {
    private static final String PREFIX = "orc:aesgcm:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKeys keys;
    private final SecureRandom random = new SecureRandom();

    ValueCipher(EncryptionKeys keys) {
        this.keys = keys;
    }

    byte[] encrypt(String storeKey, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.primaryKey(), nonce, storeKey, plain);
        byte[] header = (PREFIX + keys.primaryName() + ":").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(header.length + nonce.length + sealed.length).put(header).put(nonce).put(sealed).array();
    }

    EncryptionKeys keys() {
        return keys;
    }

    /** The name of the key {@code stored} was encrypted with; empty for a plain value. */
    static Optional<String> keyName(byte[] stored) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        if (stored.length < prefix.length || !Arrays.equals(stored, 0, prefix.length, prefix, 0, prefix.length)) {
            return Optional.empty();
        }
        for (int i = prefix.length; i < stored.length; i++) {
            if (stored[i] == ':') {
                return Optional.of(new String(stored, prefix.length, i - prefix.length, StandardCharsets.US_ASCII));
            }
        }
        return Optional.of("");
    }

    byte[] decrypt(String storeKey, byte[] stored) {
        Optional<String> keyName = keyName(stored);
        if (keyName.isEmpty()) {
            throw new UnencryptedValueException(storeKey);
        }
        String name = keyName.get();
        int nameEnd = PREFIX.length() + name.length();
        if (name.isEmpty() || stored.length < nameEnd + 1 + NONCE_BYTES) {
            throw new IllegalStateException("encrypted value of " + storeKey + " is truncated");
        }
        SecretKey key = keys.key(name).orElseThrow(() -> new IllegalStateException(
                "value of " + storeKey + " is encrypted with key \"" + name + "\", which is not in the key file"));
        byte[] nonce = Arrays.copyOfRange(stored, nameEnd + 1, nameEnd + 1 + NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, nameEnd + 1 + NONCE_BYTES, stored.length);
        return run(Cipher.DECRYPT_MODE, key, nonce, storeKey, sealed);
    }

    private static byte[] run(int mode, SecretKey key, byte[] nonce, String storeKey, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(storeKey.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " the value of " + storeKey + ": " + e.getMessage(), e);
        }
    }
}
