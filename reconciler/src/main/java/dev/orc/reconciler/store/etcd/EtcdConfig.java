package dev.orc.reconciler.store.etcd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach etcd: client URLs ({@code http://host:2379}, or {@code https://} with {@code caFile}; with
 * several, calls fail over between them), an optional client certificate and key (both or neither, PEM, the key
 * in PKCS#8) for an etcd that authenticates clients by certificate, optional user and password (both or neither),
 * the bound on every call, and how long a watch keeps trying to resume while etcd is unreachable before it gives up.
 */
public record EtcdConfig(List<String> endpoints, Path caFile, Path certFile, Path keyFile, String user, String password,
                         Duration callTimeout, Duration watchRetryWindow) {
    public EtcdConfig {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one etcd endpoint is required");
        }
        for (String e : endpoints) {
            if (!e.startsWith("http://") && !e.startsWith("https://")) {
                throw new IllegalArgumentException("etcd endpoint " + e + " must start with http:// or https://");
            }
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("an etcd client certificate and its key must be given together");
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("etcd user and password must be given together");
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
        }
    }

    public static EtcdConfig of(List<String> endpoints) {
        return new EtcdConfig(endpoints, null, null, null, null, null, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    public EtcdConfig withTls(Path newCaFile) {
        return new EtcdConfig(endpoints, newCaFile, certFile, keyFile, user, password, callTimeout, watchRetryWindow);
    }

    public EtcdConfig withClientCertificate(Path newCertFile, Path newKeyFile) {
        return new EtcdConfig(endpoints, caFile, newCertFile, newKeyFile, user, password, callTimeout, watchRetryWindow);
    }

    public EtcdConfig withCredentials(String newUser, String newPassword) {
        return new EtcdConfig(endpoints, caFile, certFile, keyFile, newUser, newPassword, callTimeout, watchRetryWindow);
    }
}
