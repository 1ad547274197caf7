package dev.orc.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.nodeaccess.NodeServingCertificate;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Views;

import dev.orc.api.status.ApiException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A client of orc's Kubernetes-shaped API, safe to share between threads. Objects are JSON trees; every
 * failure is an {@link ApiException} whose message a person can read. Requests are bounded by the
 * request timeout; watches and followed logs run until the server ends them or they are closed.
 * Namespaced calls take the namespace; for cluster-scoped kinds it is ignored, and a null namespace on
 * a list or watch means all namespaces.
 */
public final class ApiClient {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PAGES = 100_000;
    private static final String JSON = "application/json";

    private final ApiTransport transport;

    private ApiClient(ApiTransport transport) {
        this.transport = transport;
    }

    /** A client whose requests go through {@code transport}, such as a server's in-process one. */
    public static ApiClient over(ApiTransport transport) {
        return new ApiClient(transport);
    }

    /** This client with every request passed through {@code layer} first (the server's impersonation of a user, say). */
    public ApiClient through(java.util.function.UnaryOperator<ApiTransport> layer) {
        return new ApiClient(layer.apply(transport));
    }

    public static ApiClient connect(ClientConfig config) {
        return connect(config, DEFAULT_REQUEST_TIMEOUT);
    }

    public static ApiClient connect(ClientConfig config, Duration requestTimeout) {
        return new ApiClient(HttpTransport.connect(config, requestTimeout));
    }

    public URI server() {
        return URI.create(transport.base());
    }

    /** The client of one kind, reading and writing it as its record ({@code client.resource(Pod.class).get(..)}). */
    public <T extends KubeObject> TypedResource<T> resource(Class<T> view) {
        return new TypedResource<>(this, ResourceTypes.byKind(Views.kindOf(view)).orElseThrow(), view);
    }

    /** The client of {@code type}, for code that handles every kind alike (the garbage collector). */
    public TypedResource<? extends KubeObject> resource(ResourceType type) {
        return new TypedResource<>(this, type, Views.of(type.kind()));
    }

    // --- objects --------------------------------------------------------------------------------

    public ObjectNode get(ResourceType type, String namespace, String name) {
        return transport.call(item("GET", type, namespace, name, null, new Query(), null, null));
    }

    /** The object, or empty when there is none of that name (any other failure is thrown). */
    public Optional<ObjectNode> find(ResourceType type, String namespace, String name) {
        try {
            return Optional.of(get(type, namespace, name));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One page (or all, without a limit) of the objects a list selects, as a {@code ...List} object. */
    public ObjectNode list(ResourceType type, String namespace, ListOptions options) {
        return transport.call(collection("GET", type, namespace, options.query(), null));
    }

    /** Every object the list selects, following {@code continue} tokens; the first page's list metadata. */
    public ObjectNode listAll(ResourceType type, String namespace, ListOptions options) {
        ObjectNode first = list(type, namespace, options.withContinue(null));
        ArrayNode items = first.withArray("items");
        String next = first.path("metadata").path("continue").asText("");
        for (int page = 1; !next.isEmpty(); page++) {
            if (page >= MAX_PAGES) {
                throw new ApiException.Failure(0, "TooManyPages", "listing " + type.plural() + " did not end after "
                        + MAX_PAGES + " pages");
            }
            ObjectNode more = list(type, namespace, options.withContinue(next));
            more.path("items").forEach(items::add);
            next = more.path("metadata").path("continue").asText("");
        }
        if (first.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("continue");
            metadata.remove("remainingItemCount");
        }
        return first;
    }

    public ObjectNode create(ResourceType type, String namespace, ObjectNode object, WriteOptions options) {
        return transport.call(collection("POST", type, namespaceOf(type, namespace, object), options.query(), object));
    }

    /** Replaces the object; a stale {@code metadata.resourceVersion} in it is a 409 Conflict. */
    public ObjectNode update(ResourceType type, String namespace, ObjectNode object, WriteOptions options) {
        return transport.call(item("PUT", type, namespaceOf(type, namespace, object), nameOf(object), null,
                options.query(), object, JSON));
    }

    public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch,
                            WriteOptions options) {
        return transport.call(item("PATCH", type, namespace, name, null, options.query(), patch, patchType.contentType()));
    }

    /** Deletes every object of the namespace that the list selects (deletecollection); returns what was deleted. */
    public ObjectNode deleteCollection(ResourceType type, String namespace, ListOptions options) {
        return transport.call(collection("DELETE", type, namespace, options.query(), null));
    }

    /**
     * Deletes the object. Returns what the server answered: the object (still present with a
     * deletionTimestamp while finalizers or a grace period hold it) or a {@code Status}.
     */
    public ObjectNode delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        return transport.call(item("DELETE", type, namespace, name, null, options.query(), options.body(), JSON));
    }

    // --- subresources ---------------------------------------------------------------------------

    public ObjectNode getSubresource(ResourceType type, String namespace, String name, String subresource) {
        return transport.call(item("GET", type, namespace, name, subresource, new Query(), null, null));
    }

    public ObjectNode updateSubresource(ResourceType type, String namespace, ObjectNode object, String subresource,
                                        WriteOptions options) {
        return transport.call(item("PUT", type, namespaceOf(type, namespace, object), nameOf(object), subresource,
                options.query(), object, JSON));
    }

    public ObjectNode patchSubresource(ResourceType type, String namespace, String name, String subresource,
                                       PatchType patchType, JsonNode patch, WriteOptions options) {
        return transport.call(item("PATCH", type, namespace, name, subresource, options.query(), patch,
                patchType.contentType()));
    }

    public ObjectNode getStatus(ResourceType type, String namespace, String name) {
        return getSubresource(type, namespace, name, "status");
    }

    /** Writes only the object's status; its spec and metadata are left as the server has them. */
    public ObjectNode updateStatus(ResourceType type, String namespace, ObjectNode object) {
        return updateSubresource(type, namespace, object, "status", WriteOptions.defaults());
    }

    public ObjectNode patchStatus(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch) {
        return patchSubresource(type, namespace, name, "status", patchType, patch, WriteOptions.defaults());
    }

    /** The {@code autoscaling/v1 Scale} of a deployment or replica set. */
    public ObjectNode getScale(ResourceType type, String namespace, String name) {
        return getSubresource(type, namespace, name, "scale");
    }

    public ObjectNode scale(ResourceType type, String namespace, String name, int replicas) {
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("replicas", replicas);
        return patchSubresource(type, namespace, name, "scale", PatchType.MERGE, patch, WriteOptions.defaults());
    }

    /** Assigns a pod to a node, as the scheduler does: a {@code Binding} posted to the pod's binding subresource. */
    public ObjectNode bind(String namespace, String pod, String node) {
        ObjectNode binding = Json.object().put("apiVersion", "v1").put("kind", "Binding");
        binding.putObject("metadata").put("name", pod).put("namespace", namespace);
        binding.putObject("target").put("apiVersion", "v1").put("kind", "Node").put("name", node);
        return transport.call(item("POST", ResourceTypes.POD, namespace, pod, "binding", new Query(), binding, JSON));
    }

    /**
     * Evicts a pod as {@code kubectl drain} does: a policy/v1 {@code Eviction} posted to the pod's eviction
     * subresource, which deletes the pod (with {@code options}' grace period) only if no disruption budget forbids it.
     * A budget that forbids it is an {@link ApiException} with code 429 naming the budget in its causes.
     */
    public ObjectNode evict(String namespace, String pod, DeleteOptions options) {
        ObjectNode eviction = Json.object().put("apiVersion", "policy/v1").put("kind", "Eviction");
        eviction.putObject("metadata").put("name", pod).put("namespace", namespace);
        eviction.set("deleteOptions", options.body());
        return transport.call(item("POST", ResourceTypes.POD, namespace, pod, "eviction", options.query(), eviction,
                JSON));
    }

    /**
     * Asks for a token of a service account, as the kubelet does for a pod: an authentication.k8s.io/v1
     * {@code TokenRequest} posted to {@code serviceaccounts/NAME/token}; answers it with {@code status.token}.
     */
    public ObjectNode requestToken(String namespace, String account, ObjectNode tokenRequest) {
        return transport.call(item("POST", ResourceTypes.SERVICE_ACCOUNT, namespace, account, "token", new Query(),
                tokenRequest, JSON));
    }

    /**
     * What the next sync of a GitSource would change, computed by the server (a {@code SyncPreview}: commit, errors,
     * conflicts and changes with the live and dry-run objects); the server's fetch is bounded by {@code fetchTimeout}.
     */
    public ObjectNode previewSync(String namespace, String name, Duration fetchTimeout) {
        Query query = new Query().add("timeoutSeconds", Long.toString(Math.max(1, fetchTimeout.toSeconds())));
        return transport.call(item("GET", ResourceTypes.GIT_SOURCE, namespace, name, "diff", query, null, null));
    }

    /**
     * May the caller do what {@code spec} says ({@code resourceAttributes} or {@code nonResourceAttributes})? The
     * server's answer to a SelfSubjectAccessReview, judged by the rules it enforces; {@code status.allowed} says.
     */
    public ObjectNode reviewOwnAccess(ObjectNode spec) {
        ObjectNode review = Json.object().put("apiVersion", "authorization.k8s.io/v1")
                .put("kind", "SelfSubjectAccessReview");
        review.set("spec", spec);
        byte[] answer = transport.send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                Json.bytes(review), JSON);
        if (!(Json.parse(answer) instanceof ObjectNode reviewed)) {
            throw ApiException.unreachable("the server answered the access review with something that is not an object",
                    null);
        }
        return reviewed;
    }

    /**
     * A one-time login link to the server's dashboard for this client's user ({@code POST /ui/login-codes}): the
     * path to open on the server, {@code /ui/#login=CODE}.
     */
    public String dashboardLoginPath() {
        JsonNode answer = Json.parse(transport.send("POST", "/ui/login-codes", new byte[0], JSON));
        String path = answer.path("path").asText("");
        if (!path.startsWith("/ui/")) {
            throw ApiException.unreachable("the server answered the dashboard login request without a link", null);
        }
        return path;
    }

    /** The server's {@code /version}: its Kubernetes {@code gitVersion} and, from an orc server, {@code orcVersion}. */
    public ObjectNode version() {
        if (!(Json.parse(transport.send("GET", "/version", null, null)) instanceof ObjectNode version)) {
            throw ApiException.unreachable("the server answered /version with something that is not an object", null);
        }
        return version;
    }

    /**
     * The OpenAPI v3 document of a group-version ({@code api/v1}, {@code apis/apps/v1}), found as kubectl finds it:
     * through the {@code serverRelativeURL} the server lists for it at {@code /openapi/v3}.
     */
    public JsonNode openApiV3(String groupVersionPath) {
        JsonNode index = Json.parse(transport.send("GET", "/openapi/v3", null, null));
        String url = index.path("paths").path(groupVersionPath).path("serverRelativeURL").asText("");
        if (!url.startsWith("/openapi/v3/")) {
            throw ApiException.unreachable("the server lists no OpenAPI v3 document of " + groupVersionPath, null);
        }
        return Json.parse(transport.send("GET", url, null, null));
    }

    /**
     * A node's resource usage ({@code /stats/summary} of its agent) through the server's node proxy, as
     * {@code kubectl get --raw /api/v1/nodes/NAME/proxy/stats/summary} reads it: the server calls the node.
     */
    public JsonNode nodeStatsSummary(String node) {
        return Json.parse(transport.send("GET", ResourceTypes.NODE.path(null, node) + "/proxy/stats/summary", null,
                null));
    }

    /**
     * The serving certificate (PEM) the cluster CA issues node {@code node} for the key of {@code certificateRequest}
     * (a PKCS#10 request in PEM): see {@link NodeServingCertificate}.
     */
    public String nodeServingCertificate(String node, String certificateRequest) {
        ObjectNode body = Json.object().put(NodeServingCertificate.REQUEST_FIELD, certificateRequest);
        return Json.parse(transport.send("POST", NodeServingCertificate.path(node), Json.bytes(body), JSON))
                .path(NodeServingCertificate.CERTIFICATE_FIELD).asText();
    }

    /** A container's log as it is now. */
    public String log(String namespace, String pod, LogOptions options) {
        String path = item("GET", ResourceTypes.POD, namespace, pod, "log", options.query(false), null, null).pathAndQuery();
        return new String(transport.send("GET", path, null, null), StandardCharsets.UTF_8);
    }

    /** Follows a container's log: each line goes to {@code onLine} until the container ends or the handle is closed. */
    public WatchHandle followLog(String namespace, String pod, LogOptions options, Consumer<String> onLine,
                                 Consumer<ApiException> onEnd) {
        String path = item("GET", ResourceTypes.POD, namespace, pod, "log", options.query(true), null, null).pathAndQuery();
        return transport.stream(path, line -> {
            onLine.accept(line);
            return null;
        }, onEnd);
    }

    // --- watch ----------------------------------------------------------------------------------

    /**
     * Watches the objects a list selects, from {@code options.resourceVersion()} (or, without one, starting
     * with an ADDED event for every present object). An ERROR event ends the watch with its failure.
     */
    public WatchHandle watch(ResourceType type, String namespace, ListOptions options, WatchListener listener) {
        return transport.watch(collection("GET", type, namespace, options.watchQuery(), null), listener);
    }

    // --- plumbing -------------------------------------------------------------------------------

    ObjectNode call(ApiCall call) {
        return transport.call(call);
    }

    static ApiCall collection(String method, ResourceType type, String namespace, Query query, JsonNode body) {
        return new ApiCall(method, type, type.namespaced() ? blankToNull(namespace) : null, null, null, query, body,
                body == null ? null : JSON);
    }

    static ApiCall item(String method, ResourceType type, String namespace, String name, String subresource,
                                Query query, JsonNode body, String contentType) {
        requireItem(type, namespace, name);
        return new ApiCall(method, type, type.namespaced() ? namespace : null, name, subresource, query, body,
                contentType);
    }

    private static void requireItem(ResourceType type, String namespace, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + type.singular() + " name is required");
        }
        if (type.namespaced() && blankToNull(namespace) == null) {
            throw new IllegalArgumentException("a namespace is required for " + type.singular() + " \"" + name + "\"");
        }
    }

    private static String namespaceOf(ResourceType type, String namespace, ObjectNode object) {
        String own = blankToNull(object.path("metadata").path("namespace").asText(""));
        if (!type.namespaced()) {
            return null;
        }
        if (own != null && namespace != null && !own.equals(namespace)) {
            throw new IllegalArgumentException("the " + type.singular() + " names namespace \"" + own
                    + "\" but the request is for namespace \"" + namespace + "\"");
        }
        String result = own != null ? own : blankToNull(namespace);
        if (result == null) {
            throw new IllegalArgumentException("a namespace is required for " + type.singular());
        }
        return result;
    }

    private static String nameOf(ObjectNode object) {
        return object.path("metadata").path("name").asText("");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
