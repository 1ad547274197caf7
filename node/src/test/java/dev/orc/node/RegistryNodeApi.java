package dev.orc.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Service;
import dev.orc.node.cluster.NodeApi;
import dev.orc.node.cluster.PodToken;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.ServiceAccount;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.services.ServiceCidr;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

/**
 * The agent's production {@link ApiNodeApi} against the real API server (registry, admission, defaults,
 * resourceVersions, deletion with grace periods) over an embedded SQLite store, reached in-process, with what node
 * tests need around it: pods, Services, Endpoints, ConfigMaps and Secrets created and changed as a user or the
 * scheduler would, and a log of the agent's writes and events that succeeded.
 */
public final class RegistryNodeApi implements NodeApi, AutoCloseable {
    private static final String TOKEN = "registry-node-api";

    private final Store store;
    private final ApiServer server;
    private final ApiClient client;
    private final ApiNodeApi api;
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    public RegistryNodeApi() {
        this(Clock.systemUTC());
    }

    /** A server whose clock (creation and deletion timestamps) is {@code clock}. */
    public RegistryNodeApi(Clock clock) {
        this(clock, ServiceCidr.DEFAULT);
    }

    /** A server whose clock is {@code clock} and whose Services' cluster IPs come from {@code serviceCidr}. */
    public RegistryNodeApi(Clock clock, ServiceCidr serviceCidr) {
        try {
            this.store = SqliteStore.open(Files.createTempDirectory("orc-registry-node-api"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withClock(clock).withServiceCidr(serviceCidr)
                .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin"))));
        ClientConfig config = new ClientConfig(server.url(), TOKEN, null, "default");
        this.client = ApiClient.over(server.localTransport(ApiTransport.http(config, Duration.ofSeconds(10))));
        this.api = new ApiNodeApi(client);
    }

    /** The API client of this server, for a test that reads what the agent wrote. */
    public ApiClient client() {
        return client;
    }

    /** Creates a Node named {@code name} with no labels or status, for an agent that is not started to label. */
    public void createNode(String name) {
        client.create(ResourceTypes.NODE, null, (ObjectNode) Json.tree(Map.of("apiVersion", "v1", "kind", "Node",
                "metadata", Map.of("name", name))), WriteOptions.defaults());
    }

    /**
     * Makes the stored pod {@code pod}, as the scheduler binding it or a user changing it would: creates it (and its
     * namespace) if absent; otherwise updates its metadata and spec, then its status, each only when it differs; a
     * deletionTimestamp it carries that the stored pod lacks is a delete with its grace period. Returns it as stored
     * (null once a delete removed it).
     */
    public Pod put(Pod pod) {
        String namespace = pod.metadata().namespace();
        ObjectNode wanted = (ObjectNode) Json.tree(pod);
        Optional<ObjectNode> stored = client.find(ResourceTypes.POD, namespace, pod.name());
        if (stored.isEmpty()) {
            ensureNamespace(namespace);
            ObjectNode created = client.create(ResourceTypes.POD, namespace, withoutServerFields(wanted), WriteOptions.defaults());
            return pod.status() == null ? view(created) : status(created, wanted);
        }
        if (pod.metadata().deletionTimestamp() != null && !stored.get().path("metadata").has("deletionTimestamp")) {
            client.delete(ResourceTypes.POD, namespace, pod.name(), DeleteOptions.defaults()
                    .withGracePeriodSeconds(pod.metadata().deletionGracePeriodSeconds()));
            return client.find(ResourceTypes.POD, namespace, pod.name()).map(RegistryNodeApi::view).orElse(null);
        }
        ObjectNode updated = stored.get();
        if (!Json.same(withoutStatus(view(updated)), withoutStatus(pod))) {
            ObjectNode update = withoutServerFields(wanted);
            update.withObjectProperty("metadata").put("resourceVersion",
                    updated.path("metadata").path("resourceVersion").asText());
            updated = client.update(ResourceTypes.POD, namespace, update, WriteOptions.defaults());
        }
        boolean sameStatus = pod.status() == null || Json.same(updated.path("status"), wanted.path("status"));
        return sameStatus ? view(updated) : status(updated, wanted);
    }

    /** Removes the pod with this uid at once, as a forced deletion would. */
    public void remove(String uid) {
        pod(uid).ifPresent(pod -> client.delete(ResourceTypes.POD, pod.namespace(), pod.name(),
                DeleteOptions.defaults().withGracePeriodSeconds(0L).withPreconditionUid(uid)));
    }

    public Optional<Pod> pod(String uid) {
        ObjectNode pods = client.listAll(ResourceTypes.POD, null, ListOptions.all());
        return StreamSupport.stream(pods.path("items").spliterator(), false)
                .filter(item -> uid.equals(item.path("metadata").path("uid").asText()))
                .map(item -> Json.convert(item, Pod.class)).findFirst();
    }

    /** The Node as stored, or null before registration. */
    public Node node(String name) {
        return client.find(ResourceTypes.NODE, null, name).map(n -> Json.convert(n, Node.class)).orElse(null);
    }

    public Service putService(Service service) {
        return Json.convert(apply(ResourceTypes.SERVICE, service), Service.class);
    }

    public void removeService(String namespace, String name) {
        client.delete(ResourceTypes.SERVICE, namespace, name, DeleteOptions.defaults());
    }

    public Endpoints putEndpoints(Endpoints endpoints) {
        return Json.convert(apply(ResourceTypes.ENDPOINTS, endpoints), Endpoints.class);
    }

    public void removeEndpoints(String namespace, String name) {
        client.delete(ResourceTypes.ENDPOINTS, namespace, name, DeleteOptions.defaults());
    }

    public ConfigMap put(ConfigMap configMap) {
        return Json.convert(apply(ResourceTypes.CONFIG_MAP, configMap), ConfigMap.class);
    }

    public PersistentVolumeClaim put(PersistentVolumeClaim claim) {
        return Json.convert(apply(ResourceTypes.PERSISTENT_VOLUME_CLAIM, claim), PersistentVolumeClaim.class);
    }

    public Secret put(Secret secret) {
        return Json.convert(apply(ResourceTypes.SECRET, secret), Secret.class);
    }

    /** The agent's writes that succeeded: {@code status ns/name}, {@code annotate ns/name key}, {@code delete ns/name}, ... */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** The agent's events: {@code ns/pod Type Reason: message}. */
    public List<String> events() {
        return List.copyOf(events);
    }

    public void clearWrites() {
        writes.clear();
    }

    @Override
    public String servingCertificate(String nodeName, String certificateRequest) {
        return api.servingCertificate(nodeName, certificateRequest);
    }

    @Override
    public Node registerOrUpdateNode(Node node) {
        Node stored = api.registerOrUpdateNode(node);
        writes.add("node " + node.metadata().name());
        return stored;
    }

    @Override
    public void renewHeartbeat(String nodeName, Instant now, Optional<String> notReadyBecause) {
        api.renewHeartbeat(nodeName, now, notReadyBecause);
        writes.add("heartbeat " + nodeName);
    }

    @Override
    public void reportStopped(String nodeName, Instant now) {
        api.reportStopped(nodeName, now);
    }

    @Override
    public AutoCloseable watchPodsOnNode(String nodeName, PodHandler handler) {
        return api.watchPodsOnNode(nodeName, handler);
    }

    @Override
    public AutoCloseable watchServices(Handler<Service> handler) {
        return api.watchServices(handler);
    }

    @Override
    public AutoCloseable watchEndpoints(Handler<Endpoints> handler) {
        return api.watchEndpoints(handler);
    }

    @Override
    public <T extends KubeObject> AutoCloseable watchAll(ResourceType type, Class<T> kind, String fieldSelector,
                                                         Handler<T> handler) {
        return api.watchAll(type, kind, fieldSelector, handler);
    }

    @Override
    public void updatePodStatus(Pod pod, PodStatus status) {
        api.updatePodStatus(pod, status);
        writes.add("status " + key(pod));
    }

    @Override
    public void annotatePod(Pod pod, String key, String value) {
        api.annotatePod(pod, key, value);
        writes.add("annotate " + key(pod) + " " + key);
    }

    @Override
    public void deletePodFinal(Pod pod) {
        api.deletePodFinal(pod);
        writes.add("delete " + key(pod));
    }

    @Override
    public void recordPodEvent(Pod pod, String type, String reason, String message, Instant at) {
        api.recordPodEvent(pod, type, reason, message, at);
        events.add(key(pod) + " " + type + " " + reason + ": " + message);
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return api.configMap(namespace, name);
    }

    @Override
    public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
        return api.persistentVolumeClaim(namespace, name);
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return api.secret(namespace, name);
    }

    @Override
    public PodToken serviceAccountToken(Pod pod, Duration lifetime) {
        return api.serviceAccountToken(pod, lifetime);
    }

    @Override
    public void labelNode(String nodeName, String key, String value) {
        api.labelNode(nodeName, key, value);
        writes.add("label node " + nodeName + " " + key);
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }

    /** Creates {@code object}, or replaces the stored one (whatever its resourceVersion); returns it as stored. */
    private ObjectNode apply(ResourceType type, KubeObject object) {
        String namespace = object.metadata().namespace();
        ObjectNode wanted = withoutServerFields((ObjectNode) Json.tree(object));
        Optional<ObjectNode> stored = client.find(type, namespace, object.name());
        if (stored.isEmpty()) {
            ensureNamespace(namespace);
            return client.create(type, namespace, wanted, WriteOptions.defaults());
        }
        wanted.withObjectProperty("metadata").put("resourceVersion",
                stored.get().path("metadata").path("resourceVersion").asText());
        return client.update(type, namespace, wanted, WriteOptions.defaults());
    }

    private Pod status(ObjectNode stored, ObjectNode wanted) {
        stored.set("status", wanted.get("status").deepCopy());
        return view(client.updateStatus(ResourceTypes.POD, stored.path("metadata").path("namespace").asText(), stored));
    }

    /** The agent's tests run pods that ask for host ports and the like: their namespaces are privileged. */
    private void ensureNamespace(String namespace) {
        if (namespace == null) {
            return;
        }
        ObjectNode privileged = (ObjectNode) Json.tree(Map.of("metadata", Map.of("labels",
                Map.of("pod-security.kubernetes.io/enforce", "privileged"))));
        if (client.find(ResourceTypes.NAMESPACE, null, namespace).isPresent()) {
            client.patch(ResourceTypes.NAMESPACE, null, namespace, PatchType.MERGE, privileged, WriteOptions.defaults());
            return;
        }
        try {
            ObjectNode created = (ObjectNode) Json.tree(Map.of("apiVersion", "v1", "kind", "Namespace"));
            created.set("metadata", privileged.get("metadata").deepCopy());
            ((ObjectNode) created.get("metadata")).put("name", namespace);
            client.create(ResourceTypes.NAMESPACE, null, created, WriteOptions.defaults());
            client.resource(ServiceAccount.class).create(ServiceAccount.of(ObjectMeta.of(namespace,
                    ServiceAccount.DEFAULT)));
        } catch (ApiException e) {
            if (!e.isAlreadyExists()) {
                throw e;
            }
        }
    }

    /** The metadata the server owns (uid, resourceVersion, timestamps) left out, as a manifest would. */
    private static ObjectNode withoutServerFields(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode meta = copy.withObjectProperty("metadata");
        meta.remove(List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation"));
        return copy;
    }

    /** The pod's metadata and spec as a user writes them, to tell whether anything but its status changed. */
    private static ObjectNode withoutStatus(Pod pod) {
        ObjectNode object = withoutServerFields((ObjectNode) Json.tree(pod));
        object.remove("status");
        return object;
    }

    private static Pod view(ObjectNode pod) {
        return Json.convert(pod, Pod.class);
    }

    private static String key(Pod pod) {
        return Objects.requireNonNull(pod.metadata().namespace()) + "/" + pod.metadata().name();
    }
}
