package dev.orc.reconciler.apiserver.http;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.registry.Deletion;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;

/**
 * Every path the API server answers, in one place, each pointing at a small handler. The object routes are declared
 * to Javalin and to the {@link LocalRouter} of in-process callers alike.
 */
public final class Routes {
    private final Endpoints endpoints;
    private final ObjectRegistry registry;
    private final Deletion deletion;
    private final BindingHandler binding;
    private final ApiMetrics metrics;
    private final WebhookHandler webhooks;
    private final PodLogProxy logs;

    public Routes(Endpoints endpoints, ObjectRegistry registry, Deletion deletion, BindingHandler binding,
                  ApiMetrics metrics, WebhookHandler webhooks) {
        this.webhooks = webhooks;
        this.logs = new PodLogProxy(registry);
        this.endpoints = endpoints;
        this.registry = registry;
        this.deletion = deletion;
        this.binding = binding;
        this.metrics = metrics;
    }

    public void declare(RoutesConfig http, LocalRouter local) {
        http.get("/healthz", endpoints::ok);
        http.get("/livez", endpoints::ok);
        http.get("/readyz", endpoints::ready);
        http.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
        http.get("/version", endpoints.json(Discovery::version));
        http.get("/openapi/v2", endpoints::openApiV2);
        http.get("/openapi/v3", endpoints.json(Discovery::openApiV3));
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
        new ResourceRoutes(http, local, ResourceTypes.POD).call(HandlerType.POST, "/api/v1/namespaces/{namespace}/bindings",
                "create", "bindings", binding::bind);
        http.post("/hooks/git/{namespace}/{name}", webhooks);
        http.get("/api/v1/namespaces/{namespace}/pods/{name}/log", logs);
    }

    /** The routes of one kind, each declared to both routers. */
    private final class ResourceRoutes {
        private final RoutesConfig http;
        private final LocalRouter local;
        private final ResourceType type;

        ResourceRoutes(RoutesConfig http, LocalRouter local, ResourceType type) {
            this.http = http;
            this.local = local;
            this.type = type;
        }

        void declare() {
            String base = type.basePath();
            String scope = type.namespaced() ? "/namespaces/{namespace}" : "";
            String collection = base + scope + "/" + type.plural();
            String item = collection + "/{name}";
            String resource = type.plural();
            ResourceHandlers objects = new ResourceHandlers(type, registry, deletion);

            listOrWatch(collection, resource, objects::list, false);
            call(HandlerType.POST, collection, "create", resource, objects::create);
            call(HandlerType.DELETE, collection, "deletecollection", resource, objects::deleteCollection);
            getOrWatch(item, resource, objects::get);
            call(HandlerType.PUT, item, "update", resource, objects::update);
            call(HandlerType.PATCH, item, "patch", resource, objects::patch);
            call(HandlerType.DELETE, item, "delete", resource, objects::delete);
            watch(base + "/watch" + scope + "/" + type.plural(), false, false);
            watch(base + "/watch" + scope + "/" + type.plural() + "/{name}", false, true);
            if (type.namespaced()) {
                listOrWatch(base + "/" + type.plural(), resource, objects::list, true);
                watch(base + "/watch/" + type.plural(), true, false);
            }
            if (type.subresources().contains("status")) {
                String status = resource + "/status";
                call(HandlerType.GET, item + "/status", "get", status, objects::getStatus);
                call(HandlerType.PUT, item + "/status", "update", status, objects::updateStatus);
                call(HandlerType.PATCH, item + "/status", "patch", status, objects::patchStatus);
            }
            if (type.subresources().contains("scale")) {
                ScaleHandlers scale = new ScaleHandlers(type, registry);
                String scaleResource = resource + "/scale";
                call(HandlerType.GET, item + "/scale", "get", scaleResource, scale::get);
                call(HandlerType.PUT, item + "/scale", "update", scaleResource, scale::update);
                call(HandlerType.PATCH, item + "/scale", "patch", scaleResource, scale::patch);
            }
            if (type.subresources().contains("binding")) {
                call(HandlerType.POST, item + "/binding", "create", resource + "/binding", binding::bind);
            }
        }

        void call(HandlerType method, String path, String verb, String resource, ApiHandler handler) {
            http.addHttpHandler(method, path, endpoints.call(verb, resource, handler));
            local.add(method.name(), path, new LocalRouter.Route(verb, resource, handler, null));
        }

        private void listOrWatch(String path, String resource, ApiHandler list, boolean allNamespaces) {
            http.get(path, endpoints.listOrWatch(type, resource, list, allNamespaces));
            local.add("GET", path, new LocalRouter.Route("list", resource, list,
                    new LocalRouter.WatchTarget(type, allNamespaces, false)));
        }

        private void getOrWatch(String path, String resource, ApiHandler get) {
            http.get(path, endpoints.getOrWatch(type, resource, get));
            local.add("GET", path, new LocalRouter.Route("get", resource, get, new LocalRouter.WatchTarget(type, false, true)));
        }

        private void watch(String path, boolean allNamespaces, boolean named) {
            http.get(path, endpoints.watch(type, allNamespaces, named));
            local.add("GET", path, new LocalRouter.Route("watch", type.plural(), null,
                    new LocalRouter.WatchTarget(type, allNamespaces, named)));
        }
    }
}
