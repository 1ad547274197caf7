package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.FieldSelectorQuery;
import dev.orc.reconciler.apiserver.registry.LabelSelectorQuery;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.apiserver.registry.Selection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a handler sees it, read completely off the wire before the handler runs (so the handler
 * can run under a deadline on another thread): path parameters, query parameters, body and its type. A call made
 * inside the server's process carries its body as the caller's JSON tree ({@code parsedBody}) instead of bytes; the
 * handler reads its own copy of it, as JSON would have carried it (see {@link SentCopy}). {@code userAgent} names
 * the client ({@value #IN_PROCESS} for the server's own components).
 */
record ApiRequest(String method, String path, Map<String, String> pathParams,
                  Map<String, List<String>> query, byte[] body, JsonNode parsedBody, String contentType,
                  String userAgent) {
    /** The User-Agent of calls made inside the server's process, and so the field manager of their writes. */
    static final String IN_PROCESS = "orc-server";
    /** The longest field manager name Kubernetes accepts. */
    private static final int MAX_FIELD_MANAGER = 128;

    public ApiRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
    }

    /** A request read off the wire. */
    public ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
                      byte[] body, String contentType, String userAgent) {
        this(method, path, pathParams, query, body, null, contentType, userAgent);
    }

    /** A call made inside the server's process. */
    static ApiRequest of(ApiCall call) {
        Map<String, String> params = new HashMap<>();
        if (call.namespace() != null) {
            params.put("namespace", call.namespace());
        }
        if (call.name() != null) {
            params.put("name", call.name());
        }
        return new ApiRequest(call.method(), call.path(), params, call.query().byName(), new byte[0], call.body(),
                call.contentType(), IN_PROCESS);
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty()
                ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean flag(String name) {
        return queryParam(name).map(v -> v.equals("true") || v.equals("1")).orElse(false);
    }

    public Optional<Long> longParam(String name) {
        Optional<String> raw = queryParam(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw.get()));
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("query parameter " + name + " must be an integer, got \"" + raw.get() + "\"");
        }
    }

    /**
     * Who a write that is not an apply is recorded as, as Kubernetes names it: the {@code fieldManager} parameter,
     * else the User-Agent up to its first '/' ({@code kubectl/v1.32.0 (linux/amd64)} writes as {@code kubectl}).
     */
    public String fieldManager() {
        Optional<String> named = queryParam("fieldManager");
        if (named.isPresent()) {
            String name = named.get();
            if (name.length() > MAX_FIELD_MANAGER || !name.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
                throw new ApiException.BadRequest("fieldManager must be at most " + MAX_FIELD_MANAGER
                        + " printable characters, got \"" + name + "\"");
            }
            return name;
        }
        String agent = userAgent == null ? "" : userAgent.split("/", 2)[0];
        return agent.length() > MAX_FIELD_MANAGER ? agent.substring(0, MAX_FIELD_MANAGER) : agent;
    }

    /** The dry-run flag as Kubernetes spells it ({@code dryRun=All}). */
    public boolean dryRun() {
        return queryParam("dryRun").map(v -> v.equals("All")).orElse(false);
    }

    /** The body as a tree of the handler's own, which it may change. */
    public JsonNode jsonBody() {
        if (parsedBody != null) {
            return SentCopy.of(parsedBody);
        }
        if (body.length == 0) {
            throw new ApiException.BadRequest("the request needs a body");
        }
        requireJson();
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("the request body is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * A body sent over the wire is read only when its {@code Content-Type} says JSON ({@code application/json} or a
     * patch's {@code application/...+json}): a web page can send {@code text/plain} to any site without asking.
     */
    private void requireJson() {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw new ApiException.UnsupportedMediaType(type.isEmpty() ? "(none)" : type);
        }
    }

    public ObjectNode objectBody() {
        JsonNode node = jsonBody();
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException.BadRequest("the request body must be a JSON object, got " + node.getNodeType());
        }
        return object;
    }

    /** The body as an object written in YAML (or JSON, which is YAML too), as server-side apply sends it. */
    public ObjectNode yamlObjectBody() {
        if (parsedBody != null) {
            return objectBody();
        }
        if (body.length == 0) {
            throw new ApiException.BadRequest("the request needs a body");
        }
        Object parsed;
        try {
            parsed = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).load(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new ApiException.BadRequest("the request body is not valid YAML: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new ApiException.BadRequest("the request body must be an object");
        }
        return Json.mapper().valueToTree(parsed);
    }

    /** An optional object body (DeleteOptions): empty object when none was sent. */
    public ObjectNode optionalObjectBody() {
        return body.length == 0 && parsedBody == null ? Json.object() : objectBody();
    }

    /** Which objects a list or watch asks for: both selectors of the request. */
    public Selection selection() {
        return new Selection(
                queryParam("labelSelector").map(LabelSelectorQuery::parse).orElse(LabelSelectorQuery.everything()),
                queryParam("fieldSelector").map(FieldSelectorQuery::parse).orElse(FieldSelectorQuery.everything()));
    }

    /** The options of a delete, from its body or else its query. */
    public DeleteOptions deleteOptions() {
        return deleteOptions(optionalObjectBody());
    }

    /** The options of a delete from {@code body} (an Eviction's {@code deleteOptions}), or else the query. */
    public DeleteOptions deleteOptions(JsonNode body) {
        Long grace = body.hasNonNull("gracePeriodSeconds") ? Long.valueOf(body.get("gracePeriodSeconds").asLong())
                : longParam("gracePeriodSeconds").orElse(null);
        if (grace != null && grace < 0) {
            grace = 0L;
        }
        String policy = body.hasNonNull("propagationPolicy") ? body.get("propagationPolicy").asText()
                : queryParam("propagationPolicy").orElse(null);
        JsonNode pre = body.path("preconditions");
        return new DeleteOptions(propagation(policy), grace, dryRun(), Meta.text(pre, "uid"),
                Meta.text(pre, "resourceVersion"));
    }

    private static DeleteOptions.Propagation propagation(String policy) {
        if (policy == null) {
            return null;
        }
        for (DeleteOptions.Propagation known : DeleteOptions.Propagation.values()) {
            if (known.name().equals(policy)) {
                return known;
            }
        }
        throw new ApiException.BadRequest("propagationPolicy must be one of Orphan, Background, Foreground; got \""
                + policy + "\"");
    }
}
