package dev.orc.reconciler.apiserver;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import io.javalin.Javalin;

/** Every path the API server answers, in one place, each pointing at a small handler. */
final class Routes {
    private final Endpoints endpoints;
    private final ObjectRegistry registry;
    private final Deletion deletion;
    private final BindingHandler binding;
    private final ApiMetrics metrics;
    private final WebhookHandler webhooks;
    private final PodLogProxy logs;

    Routes(Endpoints endpoints, ObjectRegistry registry, Deletion deletion, BindingHandler binding, ApiMetrics metrics,
           WebhookHandler webhooks) {
        this.webhooks = webhooks;
        this.logs = new PodLogProxy(registry);
        this.endpoints = endpoints;
        this.registry = registry;
        this.deletion = deletion;
        this.binding = binding;
        this.metrics = metrics;
    }

    void declare(Javalin app) {
        app.get("/healthz", endpoints::ok);
        app.get("/livez", endpoints::ok);
        app.get("/readyz", endpoints::ready);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
        app.get("/version", endpoints.json(Discovery::version));
        app.get("/openapi/v2", endpoints::openApiV2);
        app.get("/openapi/v3", endpoints.json(Discovery::openApiV3));
        app.get("/api", endpoints.json(Discovery::apiVersions));
        app.get("/api/v1", endpoints.json(() -> Discovery.resourceList("", "v1")));
        app.get("/apis", endpoints.json(Discovery::groupList));
        for (String group : Discovery.groups()) {
            app.get("/apis/" + group, endpoints.json(() -> Discovery.group(group)));
            app.get("/apis/" + group + "/v1", endpoints.json(() -> Discovery.resourceList(group, "v1")));
        }
        for (ResourceType type : ResourceTypes.all()) {
            declareResource(app, type);
        }
        app.post("/api/v1/namespaces/{namespace}/bindings", endpoints.call("create", "bindings", binding::bind));
        app.post("/hooks/git/{namespace}/{name}", webhooks);
        app.get("/api/v1/namespaces/{namespace}/pods/{name}/log", logs);
    }

    private void declareResource(Javalin app, ResourceType type) {
        String base = type.basePath();
        String scope = type.namespaced() ? "/namespaces/{namespace}" : "";
        String collection = base + scope + "/" + type.plural();
        String item = collection + "/{name}";
        String resource = type.plural();
        ResourceHandlers objects = new ResourceHandlers(type, registry, deletion);

        app.get(collection, endpoints.listOrWatch(type, resource, objects::list, false));
        app.post(collection, endpoints.call("create", resource, objects::create));
        app.delete(collection, endpoints.call("deletecollection", resource, objects::deleteCollection));
        app.get(item, endpoints.getOrWatch(type, resource, objects::get));
        app.put(item, endpoints.call("update", resource, objects::update));
        app.patch(item, endpoints.call("patch", resource, objects::patch));
        app.delete(item, endpoints.call("delete", resource, objects::delete));
        app.get(base + "/watch" + scope + "/" + type.plural(), endpoints.watch(type, false, false));
        app.get(base + "/watch" + scope + "/" + type.plural() + "/{name}", endpoints.watch(type, false, true));
        if (type.namespaced()) {
            app.get(base + "/" + type.plural(), endpoints.listOrWatch(type, resource, objects::list, true));
            app.get(base + "/watch/" + type.plural(), endpoints.watch(type, true, false));
        }
        if (type.subresources().contains("status")) {
            String status = resource + "/status";
            app.get(item + "/status", endpoints.call("get", status, objects::getStatus));
            app.put(item + "/status", endpoints.call("update", status, objects::updateStatus));
            app.patch(item + "/status", endpoints.call("patch", status, objects::patchStatus));
        }
        if (type.subresources().contains("scale")) {
            ScaleHandlers scale = new ScaleHandlers(type, registry);
            String scaleResource = resource + "/scale";
            app.get(item + "/scale", endpoints.call("get", scaleResource, scale::get));
            app.put(item + "/scale", endpoints.call("update", scaleResource, scale::update));
            app.patch(item + "/scale", endpoints.call("patch", scaleResource, scale::patch));
        }
        if (type.subresources().contains("binding")) {
            app.post(item + "/binding", endpoints.call("create", resource + "/binding", binding::bind));
        }
    }
}
