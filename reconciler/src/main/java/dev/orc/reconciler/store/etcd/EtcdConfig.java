package dev.orc.reconciler.store.etcd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach etcd: client URLs ({@code http://host:2379}, or {@code https://} with {@code caFile}),
 * optional user and password (both or neither), the bound on every call, and how long a watch keeps
 * trying to resume while etcd is unreachable before it gives up.
 */
public record EtcdConfig(List<String> endpoints, Path caFile, String user, String password,
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
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("etcd user and password must be given together");
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
        }
    }

    public static EtcdConfig of(List<String> endpoints) {
        return new EtcdConfig(endpoints, null, null, null, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    public EtcdConfig withTls(Path newCaFile) {
        return new EtcdConfig(endpoints, newCaFile, user, password, callTimeout, watchRetryWindow);
    }

    public EtcdConfig withCredentials(String newUser, String newPassword) {
        return new EtcdConfig(endpoints, caFile, newUser, newPassword, callTimeout, watchRetryWindow);
    }
}
