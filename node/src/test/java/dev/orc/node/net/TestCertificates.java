package dev.orc.node.net;

import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import org.bouncycastle.asn1.x500.X500Name;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A CA of its own for tests of the node's TLS endpoints, issuing serving identities as the server's CA does. */
public final class TestCertificates {
    private final CertificateAuthority ca = CertificateAuthority.create("test-ca", Instant.now());

    /** The identity node {@code nodeName} would get: {@code CN=system:node:NAME}, no address in it. */
    public ServingIdentity identity(String nodeName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            return new ServingIdentity(keys, ca.issueServing(new X500Name("CN=system:node:" + nodeName),
                    List.of(nodeName), keys.getPublic(), Duration.ofDays(1), Instant.now()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
