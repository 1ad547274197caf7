package dev.orc.reconciler.apiserver;

import dev.orc.api.wait.MonotonicClock;
import dev.orc.reconciler.apiserver.admission.BasicAdmission;
import dev.orc.reconciler.apiserver.admission.SchemaAdmission;
import dev.orc.reconciler.apiserver.admission.SecretAdmission;
import dev.orc.reconciler.apiserver.audit.AuditSettings;
import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import dev.orc.reconciler.apiserver.auth.DefaultPolicy;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.apiserver.http.RequestLimits;
import dev.orc.reconciler.apiserver.registry.Admission;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.gitops.GitOpsPolicy;
import dev.orc.reconciler.services.ServiceCidr;
import dev.orc.reconciler.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything an {@link ApiServer} needs. {@code authenticator} null serves without authentication (only
 * allowed on a loopback address); {@code tls} null serves plain HTTP; without {@code rbac} every authenticated
 * user may do everything. {@code nodeCa} signs the server's requests to node endpoints and the tokens of service
 * accounts, and issues the nodes' serving certificates (the cluster CA, which nodes trust; {@link #of} makes a fresh one that only in-process nodes know); {@code audit}
 * null records no audit log; {@code gitops} the GitOps flags ({@link GitOpsPolicy}).
 */
public record ApiServerConfig(String host, int port, Store store, Clock clock, Admission admission,
                              TokenAuthenticator authenticator, TlsIdentity tls, Duration requestTimeout,
                              int maxBodyBytes, WatchSettings watch, RequestLimits limits, boolean rbac,
                              ServiceCidr serviceCidr, CertificateAuthority nodeCa, AuditSettings audit,
                              GitOpsPolicy gitops) {
    public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    /** A server on {@code host:port} over {@code store} with the defaults; no authentication, plain HTTP. */
    public static ApiServerConfig of(String host, int port, Store store) {
        return new ApiServerConfig(host, port, store, MonotonicClock.system(),
                new BasicAdmission().then(new SchemaAdmission(dev.orc.api.validation.ManifestValidator.standard()))
                        .then(new SecretAdmission()), null, null,
                Duration.ofSeconds(60), MAX_BODY_BYTES, WatchSettings.defaults(), RequestLimits.defaults(), false,
                ServiceCidr.DEFAULT, CertificateAuthority.create("orc-ca", Instant.now()), null,
                GitOpsPolicy.standard());
    }

    public ApiServerConfig withAuthenticator(TokenAuthenticator value) {
        return new ApiServerConfig(host, port, store, clock, admission, value, tls, requestTimeout, maxBodyBytes, watch,
                limits, rbac, serviceCidr, nodeCa, audit, gitops);
    }

    public ApiServerConfig withTls(TlsIdentity value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, value, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, nodeCa, audit, gitops);
    }

    public ApiServerConfig withClock(Clock value) {
        return new ApiServerConfig(host, port, store, value, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, nodeCa, audit, gitops);
    }

    public ApiServerConfig withAdmission(Admission value) {
        return new ApiServerConfig(host, port, store, clock, value, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, nodeCa, audit, gitops);
    }

    /** Authorizes every authenticated request with RBAC, starting from {@link DefaultPolicy}'s roles. */
    public ApiServerConfig withRbac() {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, true, serviceCidr, nodeCa, audit, gitops);
    }

    public ApiServerConfig withLimits(RequestLimits value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, value, rbac, serviceCidr, nodeCa, audit, gitops);
    }

    public ApiServerConfig withWatch(WatchSettings value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                value, limits, rbac, serviceCidr, nodeCa, audit, gitops);
    }

    /** Where Services' cluster IPs come from ({@link ServiceCidr#DEFAULT} unless set). */
    public ApiServerConfig withServiceCidr(ServiceCidr value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, value, nodeCa, audit, gitops);
    }

    /** Records requests in an audit log ({@code null}: none). */
    public ApiServerConfig withAudit(AuditSettings value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, nodeCa, value, gitops);
    }

    /**
     * The cluster CA ({@code value}): its key signs the server's requests to nodes and issues their serving
     * certificates, and the server trusts a node's endpoint only with a certificate it issued for that node.
     */
    public ApiServerConfig withNodeCa(CertificateAuthority value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, value, audit, gitops);
    }

    /** What GitSources may fetch and who they apply as, for the server's sync previews (the leader's sync follows the same flags). */
    public ApiServerConfig withGitOps(GitOpsPolicy value) {
        return new ApiServerConfig(host, port, store, clock, admission, authenticator, tls, requestTimeout, maxBodyBytes,
                watch, limits, rbac, serviceCidr, nodeCa, audit, value);
    }
}
