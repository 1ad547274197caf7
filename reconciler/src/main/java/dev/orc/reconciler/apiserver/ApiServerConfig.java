package dev.orc.reconciler.apiserver;

import dev.orc.api.wait.MonotonicClock;
import dev.orc.reconciler.apiserver.admission.BasicAdmission;
import dev.orc.reconciler.apiserver.admission.SchemaAdmission;
import dev.orc.reconciler.apiserver.admission.SecretAdmission;
import dev.orc.reconciler.apiserver.auth.DefaultPolicy;
import dev.orc.reconciler.apiserver.auth.NodeClientKeys;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.apiserver.http.RequestLimits;
import dev.orc.reconciler.apiserver.registry.Admission;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.services.ServiceCidr;
import dev.orc.reconciler.store.Store;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything an {@link ApiServer} needs. {@code authenticator} null serves without authentication (only
 * allowed on a loopback address); {@code tls} null serves plain HTTP; without {@code rbac} every authenticated
 * user may do everything. {@code nodeClientKey} signs the server's requests to node log and stats endpoints and the
 * tokens of service accounts (the cluster CA's key, which nodes trust and every server of a cluster shares; {@link #of}
 * makes a fresh one that only this process knows).
 */
public record ApiServerConfig(String host, int port, Store store, Clock clock, Admission admission,
                              TokenAuthenticator authenticator, TlsIdentity tls, Duration requestTimeout,
                              int maxBodyBytes, WatchSettings watch, RequestLimits limits, boolean rbac,
                              ServiceCidr serviceCidr, KeyPair nodeClientKey) {
    public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    /** A server on {@code host:port} over {@code store} with the defaults; no authentication, plain HTTP. */
    public static ApiServerConfig of(String host, int port, Store store) {
        return new ApiServerConfig(host, port, store, MonotonicClock.system(),
                new BasicAdmission().then(new SchemaAdmission(dev.orc.api.validation.ManifestValidator.standard()))
                        .then(new SecretAdmission()), null, null,
                Duration.ofSeconds(60), MAX_BODY_BYTES, WatchSettings.defaults(), RequestLimits.defaults(), false,
                ServiceCidr.DEFAULT, NodeClientKeys.generate());
    }

    public ApiServerConfig withAuthenticator(TokenAuthenticator value) {
        return new ApiServerConfig(host, port, store, clock, admission, value, tls, requestTimeout, maxBodyBytes, watch,
                limits, rbac, serviceCidr, nodeClientKey);
    }

    public ApiServerConfig withTls(TlsIdentity value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, value, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, nodeClientKey);
    }

    public ApiServerConfig withClock(Clock value) {
        return new ApiServerConfig(host, port, store, value, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, nodeClientKey);
    }

    public ApiServerConfig withAdmission(Admission value) {
        return new ApiServerConfig(host, port, store, clock, value, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, nodeClientKey);
    }

    /** Authorizes every authenticated request with RBAC, starting from {@link DefaultPolicy}'s roles. */
    public ApiServerConfig withRbac() {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, true, serviceCidr, nodeClientKey);
    }

    public ApiServerConfig withLimits(RequestLimits value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, value, rbac, serviceCidr, nodeClientKey);
    }

    public ApiServerConfig withWatch(WatchSettings value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                value, limits, rbac, serviceCidr, nodeClientKey);
    }

    /** Where Services' cluster IPs come from ({@link ServiceCidr#DEFAULT} unless set). */
    public ApiServerConfig withServiceCidr(ServiceCidr value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, value, nodeClientKey);
    }

    /** Signs the server's requests to nodes with {@code value} (the cluster CA's key pair). */
    public ApiServerConfig withNodeClientKey(KeyPair value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, value);
    }
}
