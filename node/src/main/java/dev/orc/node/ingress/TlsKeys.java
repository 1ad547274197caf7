package dev.orc.node.ingress;

import dev.orc.api.model.Secret;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** The certificate chain and key of a {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key}, PEM). */
public record TlsKeys(X509Certificate[] chain, PrivateKey key) {
    public static final String TYPE = "kubernetes.io/tls";

    /** Reads the Secret; a message naming the Secret and the key when it holds no usable certificate. */
    public static TlsKeys of(Secret secret) {
        String name = secret.namespace() + "/" + secret.name();
        byte[] crt = secret.value("tls.crt").orElseThrow(() -> new IllegalArgumentException(
                "Secret " + name + " has no tls.crt"));
        byte[] pem = secret.value("tls.key").orElseThrow(() -> new IllegalArgumentException(
                "Secret " + name + " has no tls.key"));
        try {
            X509Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(crt)).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (chain.length == 0) {
                throw new IllegalArgumentException("Secret " + name + ": tls.crt holds no certificate");
            }
            return new TlsKeys(chain, key(name, pem));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Secret " + name + ": tls.crt is not a PEM certificate: " + e.getMessage());
        }
    }

    private static PrivateKey key(String name, byte[] pem) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("Secret " + name + ": tls.key is not a PEM private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("Secret " + name + ": tls.key cannot be read: " + e.getMessage());
        }
    }
}
