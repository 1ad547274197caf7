package dev.orc.node.net;

import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import org.bouncycastle.asn1.x500.X500Name;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A CA of its own for tests of the node's TLS endpoints: serving identities for 127.0.0.1, and clients trusting them. */
public final class TestCertificates {
    private final CertificateAuthority ca = CertificateAuthority.create("test-ca", Instant.now());

    /** The identity node {@code nodeName} would get, also valid for 127.0.0.1 so that a plain client verifies it. */
    public ServingIdentity identity(String nodeName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            return new ServingIdentity(keys, ca.issueServing(new X500Name("CN=system:node:" + nodeName),
                    List.of("127.0.0.1"), keys.getPublic(), Duration.ofDays(1), Instant.now()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context trusting only this CA. */
    public SSLContext client() {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
