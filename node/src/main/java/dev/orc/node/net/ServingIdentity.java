package dev.orc.node.net;

import dev.orc.api.nodeaccess.NodeServingCertificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.function.UnaryOperator;

/**
 * The TLS identity a node agent serves its log, stats and stream endpoints with: a key made here, which never leaves
 * the process, and the certificate the cluster CA issues for it ({@code CN=system:node:NAME}) when the agent asks with
 * a certificate request signed by that key. The API server trusts the endpoints only with that certificate.
 */
public record ServingIdentity(KeyPair keys, X509Certificate certificate) {

    /** Makes a key and has it certified for node {@code nodeName} by {@code issuer} (request PEM in, certificate PEM out). */
    public static ServingIdentity obtain(String nodeName, UnaryOperator<String> issuer) {
        KeyPair keys = newKeyPair();
        String certificate = issuer.apply(certificateRequest(nodeName, keys));
        return new ServingIdentity(keys, parse(certificate));
    }

    /** A TLS context that presents this identity. */
    public SSLContext serverContext() {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("node", keys.getPrivate(), password, new X509Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with the node's certificate: " + e.getMessage(), e);
        }
    }

    static String certificateRequest(String nodeName, KeyPair keys) {
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500Principal("CN=" + NodeServingCertificate.USER_PREFIX + nodeName), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(request);
            }
            return pem.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a certificate request: " + e.getMessage(), e);
        }
    }

    private static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the server answered no certificate the node can read: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key pair: " + e.getMessage(), e);
        }
    }
}
