package dev.orc.reconciler.apiserver.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key pairs the server signs its requests to nodes with, when it has no cluster CA to sign them with. */
public final class NodeClientKeys {
    private NodeClientKeys() {
    }

    /** A fresh ECDSA P-256 key pair, known only to this process (and the node agents it runs). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key pair: " + e.getMessage(), e);
        }
    }
}
