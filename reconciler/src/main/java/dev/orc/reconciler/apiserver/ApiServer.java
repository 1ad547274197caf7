package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.ServiceAccount;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.reconciler.apiserver.admission.ServiceAccountAdmission;
import dev.orc.reconciler.apiserver.admission.podsecurity.PodSecurityAdmission;
import dev.orc.reconciler.apiserver.audit.AuditRecorder;
import dev.orc.reconciler.apiserver.auth.Authenticator;
import dev.orc.reconciler.apiserver.auth.Authorizer;
import dev.orc.reconciler.apiserver.auth.DefaultPolicy;
import dev.orc.reconciler.apiserver.auth.NodeAuthorizer;
import dev.orc.reconciler.apiserver.auth.NodeRestriction;
import dev.orc.reconciler.apiserver.auth.ServiceAccountTokens;
import dev.orc.reconciler.apiserver.auth.StoredTokens;
import dev.orc.reconciler.apiserver.auth.TokenRequests;
import dev.orc.reconciler.apiserver.auth.EscalationCheck;
import dev.orc.reconciler.apiserver.auth.RbacAuthorizer;
import dev.orc.reconciler.apiserver.auth.RegistryPolicy;
import dev.orc.reconciler.apiserver.auth.RequestGate;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.http.ApiMetrics;
import dev.orc.reconciler.apiserver.http.BindingHandler;
import dev.orc.reconciler.apiserver.http.Endpoints;
import dev.orc.reconciler.apiserver.http.KeepAliveConnector;
import dev.orc.reconciler.apiserver.http.TlsProtocols;
import dev.orc.reconciler.apiserver.http.LocalRoutes;
import dev.orc.reconciler.apiserver.http.LocalSocketListener;
import dev.orc.reconciler.apiserver.http.NodeCertificates;
import dev.orc.reconciler.apiserver.http.NodeEndpoints;
import dev.orc.reconciler.apiserver.http.LocalTransport;
import dev.orc.reconciler.apiserver.http.RequestDeadlines;
import dev.orc.reconciler.apiserver.http.Routes;
import dev.orc.reconciler.apiserver.http.TimedStore;
import dev.orc.reconciler.apiserver.http.WatchStreamer;
import dev.orc.reconciler.apiserver.http.WebSocketFallback;
import dev.orc.reconciler.apiserver.http.WebhookHandler;
import dev.orc.reconciler.apiserver.http.WriteGuard;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.Deletion;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.apiserver.registry.ServiceAllocationHooks;
import dev.orc.reconciler.apiserver.ui.Dashboard;
import dev.orc.reconciler.apiserver.ui.LoginCodes;
import dev.orc.reconciler.apiserver.ui.SessionTokens;
import dev.orc.reconciler.apiserver.ui.Sessions;
import dev.orc.reconciler.apiserver.watch.WatchCaches;
import dev.orc.reconciler.apiserver.auth.GitOpsImpersonation;
import dev.orc.reconciler.gitops.GitSync;
import dev.orc.reconciler.gitops.Impersonation;
import dev.orc.reconciler.gitops.SourceAccesses;
import dev.orc.reconciler.gitops.SyncPreview;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Kubernetes-shaped HTTP API over a {@link dev.orc.reconciler.store.Store}: started with
 * {@link #start(ApiServerConfig)}, stopped with {@link #close()}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz");
    /** Webhooks prove themselves with the source's shared secret, not a bearer token. */
    private static final String WEBHOOK_PREFIX = "/hooks/git/";
    /** How long requests in flight may take to finish when the server stops. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> INITIAL_NAMESPACES = Set.of("default", "kube-system", "kube-public",
            "kube-node-lease", "orc-system");

    private final ApiServerConfig config;
    private final Javalin app;
    private final WatchCaches caches;
    private final RequestDeadlines deadlines;
    private final ObjectRegistry registry;
    private final LocalRoutes localRoutes;
    private final Endpoints endpoints;
    private final WatchStreamer watches;
    private final Dashboard dashboard;
    private final Impersonation impersonation;
    private volatile ServerEndpointLease advertised;

    private ApiServer(ApiServerConfig config, Javalin app, WatchCaches caches, RequestDeadlines deadlines,
                      ObjectRegistry registry, LocalRoutes localRoutes, Endpoints endpoints, WatchStreamer watches,
                      Dashboard dashboard, Impersonation impersonation) {
        this.dashboard = dashboard;
        this.impersonation = impersonation;
        this.config = config;
        this.app = app;
        this.caches = caches;
        this.deadlines = deadlines;
        this.registry = registry;
        this.localRoutes = localRoutes;
        this.endpoints = endpoints;
        this.watches = watches;
    }

    public static ApiServer start(ApiServerConfig config) {
        if (config.authenticator() == null && !isLoopback(config.host())) {
            throw new IllegalArgumentException("refusing to serve without authentication on " + config.host()
                    + ": --insecure-localhost only works with a loopback address such as 127.0.0.1");
        }
        ApiMetrics metrics = new ApiMetrics();
        TimedStore store = new TimedStore(config.store(), metrics);
        SecureRandom random = new SecureRandom();
        ObjectRegistry registry = new ObjectRegistry(store, config.clock(), config.admission(), random,
                new ServiceAllocationHooks(dev.orc.reconciler.services.ServiceAllocations.withDefaults(store, config.serviceCidr())));
        Deletion deletion = new Deletion(registry);
        createInitialNamespaces(registry);
        createDefaultIngressClass(registry);
        if (config.rbac()) {
            DefaultPolicy.ensure(registry);
        }
        WatchCaches caches = new WatchCaches(store, config.watch().windowSize(), config.watch().windowBytes());
        caches.start();
        RequestDeadlines deadlines = new RequestDeadlines(config.requestTimeout());
        WatchStreamer watches = new WatchStreamer(registry, store, caches, metrics, config.watch(), random);
        Endpoints endpoints = new Endpoints(deadlines, config.maxBodyBytes(), metrics, watches, store, config.limits(),
                config.clock());
        LocalRoutes local = new LocalRoutes();
        ApiClient self = ApiClient.over(LocalTransport.inProcessOnly(local, endpoints, watches));
        RegistryPolicy policy = new RegistryPolicy(registry, caches);
        Authorizer authorizer = config.rbac() ? new NodeAuthorizer(registry, new RbacAuthorizer(policy)) : null;
        GitOpsImpersonation impersonation = new GitOpsImpersonation(authorizer);
        Routes routes = new Routes(endpoints, registry, deletion, new BindingHandler(registry, config.clock()), metrics,
                new WebhookHandler(registry, config.clock()), new SyncPreview(self, new GitSync(ManifestValidator.standard()),
                        new SourceAccesses(self, config.gitops(), impersonation)),
                config.requestTimeout(), guards(authorizer, policy, registry), config.clock(),
                new NodeEndpoints(registry, config.nodeCa(), config.clock()),
                new NodeCertificates(config.nodeCa(), config.clock()),
                new TokenRequests(registry, config.nodeCa().keys().getPrivate(), config.clock()), caches);
        Authenticator authenticator = config.authenticator() == null ? null
                : config.authenticator().or(new StoredTokens(registry, config.clock()))
                        .or(new ServiceAccountTokens(registry, config.nodeCa().keys().getPublic(), config.clock()));
        Sessions sessions = new Sessions(config.tls() != null);
        Dashboard dashboard = new Dashboard(authenticator, sessions, new LoginCodes(config.store(), config.clock(), random),
                new SessionTokens(registry, deletion, config.clock(), random));
        RequestGate gate = new RequestGate(authenticator, authorizer, PUBLIC_PATHS,
                Set.of(WEBHOOK_PREFIX, Dashboard.PATH), sessions);
        Javalin app = Javalin.create(javalin -> {
            javalin.concurrency.useVirtualThreads = true;
            javalin.startup.showJavalinBanner = false;
            javalin.http.prefer405over404 = true;
            javalin.http.maxRequestSize = config.maxBodyBytes();
            javalin.jetty.addConnector((server, http) -> connector(config, server, http));
            javalin.jetty.modifyServer(server -> {
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(DRAIN_TIMEOUT.toMillis());
            });
            javalin.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new FilterHolder(new WebSocketFallback()), "/*", EnumSet.of(DispatcherType.REQUEST)));
            gate.declare(javalin.routes);
            endpoints.mapErrors(javalin.routes);
            routes.declare(javalin.routes, local);
            dashboard.declare(javalin.routes);
            if (config.audit() != null) {
                javalin.requestLogger.http(new AuditRecorder(config.audit().policy(), config.audit().file(), config.clock()));
            }
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            caches.close();
            deadlines.close();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return new ApiServer(config, app, caches, deadlines, registry, local, endpoints, watches, dashboard, impersonation);
    }

    /**
     * Makes the servers of this cluster the {@code default/kubernetes} Service (when it is missing) and lists this one
     * among its endpoints at {@code address}, one pods can reach, while it runs (see {@link ServerEndpointLease});
     * without an address, pods cannot reach this server and it is no endpoint.
     */
    public void serveAsKubernetesService(Optional<String> address) {
        serveAsKubernetesService(address, ServerEndpointLease.Timing.DEFAULT);
    }

    void serveAsKubernetesService(Optional<String> address, ServerEndpointLease.Timing timing) {
        KubernetesService.ensureService(registry, config.serviceCidr(), port());
        if (address.isPresent() && advertised == null) {
            advertised = ServerEndpointLease.start(config.store(), registry,
                    new KubernetesService.Address(address.get(), port()), timing);
        }
    }

    /**
     * Pods being created pass ServiceAccount and Pod Security admission, which also warns of the pod templates of
     * workloads; with RBAC, writes of the RBAC kinds also pass its escalation check, and a node's writes of Nodes and
     * Leases the {@link NodeRestriction}; nothing else is checked at write time.
     */
    private static Function<ResourceType, WriteGuard> guards(Authorizer authorizer, RegistryPolicy policy,
                                                             ObjectRegistry registry) {
        PodSecurityAdmission podSecurity = new PodSecurityAdmission(name -> {
            try {
                return Optional.of(registry.get(ResourceTypes.NAMESPACE, null, name));
            } catch (ApiException.NotFound e) {
                return Optional.empty();
            }
        });
        ServiceAccountAdmission serviceAccounts = new ServiceAccountAdmission((namespace, name) -> {
            try {
                return Optional.of(registry.get(ResourceTypes.SERVICE_ACCOUNT, namespace, name));
            } catch (ApiException.NotFound e) {
                return Optional.empty();
            }
        });
        EscalationCheck escalation = authorizer == null ? null : new EscalationCheck(authorizer, policy);
        return type -> {
            if (type == ResourceTypes.POD) {
                return (namespace, pod) -> podSecurity.check(namespace, serviceAccounts.check(namespace, pod));
            }
            if (PodSecurityAdmission.hasPodTemplate(type)) {
                return (namespace, object) -> podSecurity.checkTemplate(type, namespace, object);
            }
            if (authorizer != null && type.group().equals(ResourceTypes.ROLE.group())) {
                return (namespace, object) -> escalation.check(type, namespace, object);
            }
            if (authorizer != null && (type == ResourceTypes.NODE || type == ResourceTypes.LEASE)) {
                return (namespace, object) -> NodeRestriction.check(type, object);
            }
            return WriteGuard.NONE;
        };
    }

    private static ServerConnector connector(ApiServerConfig config, org.eclipse.jetty.server.Server server,
                                             HttpConfiguration http) {
        ServerConnector connector;
        if (config.tls() == null) {
            connector = new KeepAliveConnector(server, new HttpConnectionFactory(http));
        } else {
            connector = new KeepAliveConnector(server, TlsProtocols.factories(config.tls(), http));
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.requestTimeout().plusSeconds(30).toMillis());
        return connector;
    }

    /** The namespaces every cluster has, each with its default ServiceAccount (others get theirs from the controller). */
    private static void createInitialNamespaces(ObjectRegistry registry) {
        for (String name : INITIAL_NAMESPACES) {
            ObjectNode namespace = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            namespace.putObject("metadata").put("name", name);
            try {
                registry.create(ResourceTypes.NAMESPACE, null, namespace, false);
            } catch (ApiException.AlreadyExists present) {
                // kept from an earlier start
            }
            try {
                registry.create(ResourceTypes.SERVICE_ACCOUNT, name, (ObjectNode) Json.tree(ServiceAccount.of(
                        ObjectMeta.of(name, ServiceAccount.DEFAULT))), false);
            } catch (ApiException.AlreadyExists present) {
                // kept from an earlier start, or made by the service-accounts controller
            }
        }
    }

    /** orc's IngressClass, the default one, as k3s creates Traefik's; kept as it is when it exists. */
    private static void createDefaultIngressClass(ObjectRegistry registry) {
        try {
            registry.create(ResourceTypes.INGRESS_CLASS, null, (ObjectNode) Json.tree(IngressClass.orc()), false);
        } catch (ApiException.AlreadyExists present) {
            // kept from an earlier start, perhaps edited
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A one-time link to the dashboard for whoever holds {@code bearerToken}; empty when the token is unknown. */
    public Optional<URI> dashboardLink(String bearerToken) {
        return dashboard.loginPath(bearerToken).map(path -> url().resolve(path));
    }

    /** The key nodes check the server's requests to their endpoints with. */
    public PublicKey nodeClientKey() {
        return config.nodeCa().keys().getPublic();
    }

    public int port() {
        return app.port();
    }

    /**
     * Also serves the API on the Unix domain socket at {@code path}, for the CLI on this machine
     * ({@link LocalSocketListener}); throws, having changed nothing, when it cannot.
     */
    public void serveOnSocket(Path path) throws IOException {
        LocalSocketListener.start(app.jettyServer().server(), path, config.requestTimeout().plusSeconds(30));
    }

    /** The base URL clients use, {@code https://127.0.0.1:6443}. */
    public URI url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return URI.create((config.tls() == null ? "http" : "https") + "://" + host + ":" + port());
    }

    /**
     * A client for components in this process (controllers, the scheduler, a node agent run beside the server): the
     * same API without the network, and over {@code http} for what only HTTP serves (container logs, discovery).
     */
    public ApiClient localClient(ApiTransport http) {
        return ApiClient.over(localTransport(http));
    }

    /** The transport under {@link #localClient}, for a caller that wraps it (to count requests, say). */
    public ApiTransport localTransport(ApiTransport http) {
        return new LocalTransport(localRoutes, endpoints, watches, http);
    }

    /** How in-process GitOps acts as a GitSource's service account: authorized and admitted as that user. */
    public Impersonation impersonation() {
        return impersonation;
    }

    /** The objects behind the API, for in-process callers (controllers, the event recorder). */
    public ObjectRegistry registry() {
        return registry;
    }

    /**
     * Shuts down as kube-apiserver does: /readyz answers 503 first, every watch ends at once (its client re-watches
     * elsewhere), requests in flight get up to {@link #DRAIN_TIMEOUT} to finish while new ones are refused with 503,
     * then the listener closes.
     */
    @Override
    public void close() {
        if (advertised != null) {
            advertised.close();
        }
        endpoints.stopAccepting();
        watches.closeAll();
        caches.close();
        try {
            app.stop();
        } catch (RuntimeException e) {
            LOG.warn("requests still running {} s after the server began to stop were cut off: {}",
                    DRAIN_TIMEOUT.toSeconds(), e.getMessage());
        }
        deadlines.close();
        if (config.audit() != null) {
            try {
                config.audit().file().close();
            } catch (IOException e) {
                LOG.warn("cannot close the audit log: {}", e.getMessage());
            }
        }
    }
}
