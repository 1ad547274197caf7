package dev.orc.reconciler.apiserver.http;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.nodeaccess.NodeServingCertificate;
import dev.orc.api.openapi.OpenApiDocuments;
import dev.orc.api.openapi.SwaggerDocument;
import dev.orc.reconciler.apiserver.auth.TokenRequests;
import dev.orc.reconciler.apiserver.registry.Deletion;
import dev.orc.reconciler.apiserver.registry.Evictions;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.apiserver.http.LocalRoutes.Scope;
import dev.orc.reconciler.apiserver.watch.WatchCaches;
import dev.orc.reconciler.gitops.SyncPreview;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Every path the API server answers, in one place, each pointing at a small handler. The object routes are declared
 * to Javalin and to the {@link LocalRoutes} of in-process callers alike.
 */
public final class Routes {
    private final Endpoints endpoints;
    private final CachedLists cachedLists;
    private final ObjectRegistry registry;
    private final Deletion deletion;
    private final BindingHandler binding;
    private final EvictionHandler evictions;
    private final NodeCertificates nodeCertificates;
    private final ResourceMetrics resourceMetrics;
    private final TokenRequestHandler tokenRequests;
    private final ApiMetrics metrics;
    private final WebhookHandler webhooks;
    private final PodLogProxy logs;
    private final NodeStatsProxy stats;
    private final PodStreams streams;
    private final SyncPreviewHandler previews;
    private final Function<ResourceType, WriteGuard> guards;
    private final Clock clock;
    private final OpenApiV3 openApi;
    private final OpenApiV2 openApiV2;

    public Routes(Endpoints endpoints, ObjectRegistry registry, Deletion deletion, BindingHandler binding,
                  ApiMetrics metrics, WebhookHandler webhooks, SyncPreview previews, Duration requestTimeout,
                  Function<ResourceType, WriteGuard> guards, Clock clock, NodeEndpoints nodes,
                  NodeCertificates nodeCertificates, TokenRequests tokenRequests, WatchCaches caches) {
        this.cachedLists = new CachedLists(caches);
        this.nodeCertificates = nodeCertificates;
        this.clock = clock;
        this.openApi = new OpenApiV3(OpenApiDocuments.standard(), clock);
        this.openApiV2 = new OpenApiV2(SwaggerDocument.standard());
        this.guards = guards;
        this.previews = new SyncPreviewHandler(registry, previews, requestTimeout);
        this.webhooks = webhooks;
        this.logs = new PodLogProxy(registry, nodes);
        this.stats = new NodeStatsProxy(nodes);
        this.resourceMetrics = new ResourceMetrics(registry, nodes, clock);
        this.streams = new PodStreams(registry, nodes);
        this.endpoints = endpoints;
        this.registry = registry;
        this.deletion = deletion;
        this.binding = binding;
        this.evictions = new EvictionHandler(new Evictions(registry, deletion));
        this.metrics = metrics;
        this.tokenRequests = new TokenRequestHandler(tokenRequests);
    }

    public void declare(RoutesConfig http, LocalRoutes local) {
        http.get("/healthz", endpoints::ok);
        http.get("/livez", endpoints::ok);
        http.get("/readyz", endpoints::ready);
        http.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
        http.get("/version", endpoints.json(Discovery::version));
        openApiV2.declare(http);
        openApi.declare(http);
        http.get("/api", endpoints.json(Discovery::apiVersions));
        http.get("/api/v1", endpoints.json(() -> Discovery.resourceList("", "v1")));
        http.get("/apis", endpoints.json(Discovery::groupList));
        for (String group : Discovery.groups()) {
            http.get("/apis/" + group, endpoints.json(() -> Discovery.group(group)));
            http.get("/apis/" + group + "/v1", endpoints.json(() -> Discovery.resourceList(group, "v1")));
        }
        for (ResourceType type : ResourceTypes.all()) {
            new ResourceRoutes(http, local, type).declare();
        }
        http.post("/api/v1/namespaces/{namespace}/bindings", endpoints.call("create", "bindings", binding::bind));
        http.post("/hooks/git/{namespace}/{name}", webhooks);
        http.get(ResourceTypes.GIT_SOURCE.path("{namespace}", "{name}") + "/diff",
                endpoints.call("get", "gitsources/diff", previews::preview));
        http.get("/api/v1/namespaces/{namespace}/pods/{name}/log", logs);
        http.get("/api/v1/nodes/{name}/proxy/stats/summary", stats);
        String metricsApi = "/apis/" + ResourceMetrics.GROUP_VERSION;
        http.get("/apis/metrics.k8s.io", endpoints.json(Discovery::metricsGroup));
        http.get(metricsApi, endpoints.json(Discovery::metricsResourceList));
        http.get(metricsApi + "/nodes", endpoints.call("list", "nodes.metrics", resourceMetrics::nodeList));
        http.get(metricsApi + "/nodes/{name}", endpoints.call("get", "nodes.metrics", resourceMetrics::node));
        http.get(metricsApi + "/pods", endpoints.call("list", "pods.metrics", resourceMetrics::podList));
        http.get(metricsApi + "/namespaces/{namespace}/pods", endpoints.call("list", "pods.metrics", resourceMetrics::podList));
        http.get(metricsApi + "/namespaces/{namespace}/pods/{name}", endpoints.call("get", "pods.metrics", resourceMetrics::pod));
        http.post(NodeServingCertificate.path("{name}"), endpoints.call("create",
                "nodes/" + NodeServingCertificate.SUBRESOURCE, nodeCertificates::issue));
        streams.declare(http);
    }

    /** The routes of one kind, each object route declared to both Javalin and the in-process routes. */
    private final class ResourceRoutes {
        private final RoutesConfig http;
        private final LocalRoutes local;
        private final ResourceType type;
        private final String base;
        private final String scope;
        private final String collection;

        ResourceRoutes(RoutesConfig http, LocalRoutes local, ResourceType type) {
            this.http = http;
            this.local = local;
            this.type = type;
            this.base = type.basePath();
            this.scope = type.namespaced() ? "/namespaces/{namespace}" : "";
            this.collection = base + scope + "/" + type.plural();
        }

        void declare() {
            String resource = type.plural();
            ResourceHandlers objects = new ResourceHandlers(type, registry, deletion, guards.apply(type), clock);

            ApiHandler listing = cachedLists.list(type, objects::list);
            http.get(collection, endpoints.listOrWatch(type, resource, objects::list, listing, false));
            local(HandlerType.GET, Scope.COLLECTION, null, "list", resource, objects::list);
            call(HandlerType.POST, Scope.COLLECTION, null, "create", resource, objects::create);
            call(HandlerType.DELETE, Scope.COLLECTION, null, "deletecollection", resource, objects::deleteCollection);
            http.get(collection + "/{name}", endpoints.getOrWatch(type, resource, objects::get));
            local(HandlerType.GET, Scope.ITEM, null, "get", resource, objects::get);
            call(HandlerType.PUT, Scope.ITEM, null, "update", resource, objects::update);
            call(HandlerType.PATCH, Scope.ITEM, null, "patch", resource, objects::patch);
            call(HandlerType.DELETE, Scope.ITEM, null, "delete", resource, objects::delete);
            http.get(base + "/watch" + scope + "/" + type.plural(), endpoints.watch(type, false, false));
            http.get(base + "/watch" + scope + "/" + type.plural() + "/{name}", endpoints.watch(type, false, true));
            if (type.namespaced()) {
                http.get(base + "/" + type.plural(), endpoints.listOrWatch(type, resource, objects::list, listing, true));
                http.get(base + "/watch/" + type.plural(), endpoints.watch(type, true, false));
            }
            if (type.subresources().contains("status")) {
                String status = resource + "/status";
                call(HandlerType.GET, Scope.ITEM, "status", "get", status, objects::getStatus);
                call(HandlerType.PUT, Scope.ITEM, "status", "update", status, objects::updateStatus);
                call(HandlerType.PATCH, Scope.ITEM, "status", "patch", status, objects::patchStatus);
            }
            if (type.subresources().contains("scale")) {
                ScaleHandlers scale = new ScaleHandlers(type, registry, clock);
                String scaleResource = resource + "/scale";
                call(HandlerType.GET, Scope.ITEM, "scale", "get", scaleResource, scale::get);
                call(HandlerType.PUT, Scope.ITEM, "scale", "update", scaleResource, scale::update);
                call(HandlerType.PATCH, Scope.ITEM, "scale", "patch", scaleResource, scale::patch);
            }
            if (type.subresources().contains("binding")) {
                call(HandlerType.POST, Scope.ITEM, "binding", "create", resource + "/binding", binding::bind);
            }
            if (type.subresources().contains("eviction")) {
                call(HandlerType.POST, Scope.ITEM, "eviction", "create", resource + "/eviction", evictions::evict);
            }
            if (type.subresources().contains("token")) {
                call(HandlerType.POST, Scope.ITEM, "token", "create", resource + "/token", tokenRequests::create);
            }
        }

        /** A route both Javalin and in-process callers reach. */
        private void call(HandlerType method, Scope target, String subresource, String verb, String resource,
                          ApiHandler handler) {
            String path = (target == Scope.ITEM ? collection + "/{name}" : collection)
                    + (subresource == null ? "" : "/" + subresource);
            http.addHttpHandler(method, path, endpoints.call(verb, resource, handler));
            local(method, target, subresource, verb, resource, handler);
        }

        /**
         * The in-process half of a route. A namespaced kind's collection serves one namespace or, when the call
         * names none, all of them: the handler reads the namespace from the request either way.
         */
        private void local(HandlerType method, Scope target, String subresource, String verb, String resource,
                           ApiHandler handler) {
            local.add(new LocalRoutes.Key(type, method.name(), target, subresource),
                    new LocalRoutes.Route(verb, resource, handler));
        }
    }
}
