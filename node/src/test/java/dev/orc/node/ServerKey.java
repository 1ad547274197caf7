package dev.orc.node;

import dev.orc.api.nodeaccess.NodeRequestToken;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

/** The key an API server would sign its requests to an agent's endpoints with, for tests that call them directly. */
public final class ServerKey {
    private static final KeyPair KEYS = generate();

    private ServerKey() {
    }

    public static PublicKey publicKey() {
        return KEYS.getPublic();
    }

    /** The {@code Authorization} header value the server would send for {@code pathAndQuery} on {@code node}. */
    public static String bearer(String node, String pathAndQuery) {
        return "Bearer " + NodeRequestToken.of(node, pathAndQuery, Instant.now()).sign(KEYS.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
