package dev.orc.reconciler.store.etcd;

import java.nio.file.Path;

/**
 * The PEM files a {@link LocalEtcd} serves TLS with: the server's certificate and key, and the CA that signed it;
 * with {@code clientCertAuth}, etcd also requires clients to present a certificate that CA signed.
 */
public record LocalEtcdTls(Path caFile, Path certFile, Path keyFile, boolean clientCertAuth) {
    public LocalEtcdTls(Path caFile, Path certFile, Path keyFile) {
        this(caFile, certFile, keyFile, false);
    }

    public LocalEtcdTls requiringClientCertificates() {
        return new LocalEtcdTls(caFile, certFile, keyFile, true);
    }
}
