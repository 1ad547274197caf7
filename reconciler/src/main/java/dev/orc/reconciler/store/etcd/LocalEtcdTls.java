package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.StoreException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** The PEM files a {@link LocalEtcd} serves TLS with: the server's certificate and key, and the CA that signed it. */
public record LocalEtcdTls(Path caFile, Path certFile, Path keyFile) {
    /** A client context trusting only {@code caFile}, for the health check. */
    SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("cannot read CA certificate " + caFile + ": " + e.getMessage(), e);
        }
    }
}
