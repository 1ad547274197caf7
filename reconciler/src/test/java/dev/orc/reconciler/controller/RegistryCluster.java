package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Views;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import dev.orc.reconciler.testing.ManualClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real API server (registry, admission, defaults, resourceVersions, JSON encoding) over an embedded SQLite store,
 * reached in-process as the controller manager reaches it, for controller tests that must see what the server
 * stores: above all, that a controller's write which changes nothing is not written. Caches read the server live.
 */
public final class RegistryCluster implements AutoCloseable {
    private static final String TOKEN = "registry-cluster";

    private final ManualClock clock;
    private final Store store;
    private final ApiServer server;
    private final ApiTransport transport;
    private final ApiClient client;
    private final Records requests = new Records();
    private final Records writes = new Records();
    private final Records recordedEvents = new Records();
    private final ApiTransport controllerTransport;
    private final ApiClient controllerClient;
    private final EventRecorder events;

    public RegistryCluster(ManualClock clock) {
        this.clock = clock;
        try {
            this.store = SqliteStore.open(Files.createTempDirectory("orc-registry-cluster"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withClock(clock.withZone(ZoneOffset.UTC))
                .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin"))));
        ClientConfig config = new ClientConfig(server.url(), TOKEN, null, "default");
        this.transport = new RecordingTransport(server.localTransport(ApiTransport.http(config, Duration.ofSeconds(10))),
                requests);
        this.client = ApiClient.over(transport);
        this.controllerTransport = new RecordingWrites(transport, writes, recordedEvents);
        this.controllerClient = ApiClient.over(controllerTransport);
        this.events = new EventRecorder(controllerClient, "registry-cluster-test", clock);
    }

    /** A client for the test's own reads and writes, which are not among the controllers' {@link #writes()}. */
    public ApiClient client() {
        return client;
    }

    /** The transport under {@link #client()}, for a test that puts another in front of it. */
    public ApiTransport transport() {
        return transport;
    }

    /** The client controllers write to this cluster through; {@link #writes()} lists what they wrote with it. */
    public ApiClient controllerClient() {
        return controllerClient;
    }

    /** The transport under {@link #controllerClient()}, for a test that puts another in front of it. */
    public ApiTransport controllerTransport() {
        return controllerTransport;
    }

    /** Where controllers record events, as v1 Events; {@link #recordedEvents()} lists them. */
    public EventRecorder events() {
        return events;
    }

    /** The controllers' writes that succeeded, in order ("create pods web-x7k2p", "status replicasets web"). */
    public List<String> writes() {
        return writes.list();
    }

    /** The controllers' events, in order ("web Normal SuccessfulCreate: Created pod: web-x7k2p"). */
    public List<String> recordedEvents() {
        return recordedEvents.list();
    }

    /** Forgets the writes, events and requests so far, after setting a cluster up. */
    public void clearRecords() {
        writes.clear();
        recordedEvents.clear();
        clearRequests();
    }

    /** One kind's objects as the server has them now. */
    @SuppressWarnings("unchecked")
    public <T extends KubeObject> ObjectCache<T> cache(ResourceType type) {
        Class<T> view = (Class<T>) Views.of(type.kind());
        return new ObjectCache<>() {
            @Override
            public Optional<Cached<T>> get(ObjectKey key) {
                return RegistryCluster.this.get(type, key.namespace(), key.name()).map(o -> Cached.of(o, view));
            }

            @Override
            public List<Cached<T>> list(String namespace) {
                List<Cached<T>> items = new ArrayList<>();
                JsonNode list = client.listAll(type, type.namespaced() ? namespace : null, ListOptions.all());
                list.path("items").forEach(item -> items.add(Cached.of((ObjectNode) item, view)));
                return items;
            }

            @Override
            public List<Cached<T>> byIndex(Index index, String value) {
                return list("").stream().filter(object -> index.values().apply(object).contains(value)).toList();
            }
        };
    }

    /** Creates {@code object} through the API, then its status if it has one; returns it as stored. */
    public ObjectNode seed(ResourceType type, ObjectNode object) {
        ObjectNode created = client.create(type, namespaceOf(type, object), object, WriteOptions.defaults());
        if (object.has("status")) {
            created.set("status", object.get("status").deepCopy());
            return updateStatus(type, created);
        }
        return created;
    }

    /** Updates {@code object} as a user would (not one of the controllers' {@link #writes()}); returns it as stored. */
    public ObjectNode update(ResourceType type, ObjectNode object) {
        return client.update(type, namespaceOf(type, object), object, WriteOptions.defaults());
    }

    /** Writes {@code object}'s status as the kubelet would (not one of the controllers' {@link #writes()}). */
    public ObjectNode updateStatus(ResourceType type, ObjectNode object) {
        return client.updateStatus(type, namespaceOf(type, object), object);
    }

    private static String namespaceOf(ResourceType type, ObjectNode object) {
        return type.namespaced() ? object.path("metadata").path("namespace").asText("default") : null;
    }

    /**
     * Creates {@code object} with {@code finalizer}, then deletes it: the server marks it (deletionTimestamp) and
     * keeps it until the finalizer is removed. Returns it as stored, marked.
     */
    public ObjectNode seedDeleting(ResourceType type, ObjectNode object, String finalizer) {
        ObjectNode withFinalizer = object.deepCopy();
        withFinalizer.withObjectProperty("metadata").withArrayProperty("finalizers").add(finalizer);
        ObjectNode created = seed(type, withFinalizer);
        String namespace = namespaceOf(type, created);
        String name = created.path("metadata").path("name").asText();
        client.delete(type, namespace, name, DeleteOptions.defaults());
        return client.get(type, namespace, name);
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return client.find(type, type.namespaced() ? namespace : null, name);
    }

    public List<ObjectNode> list(ResourceType type) {
        return cache(type).list("default").stream().map(Cached::copy).toList();
    }

    /** The pods not being deleted: those a bound pod's grace period keeps, terminating, are left out. */
    public List<ObjectNode> activePods() {
        return list(ResourceTypes.POD).stream().filter(p -> !p.path("metadata").has("deletionTimestamp")).toList();
    }

    /** Every request that was not a read, in order ("PUT /apis/apps/v1/namespaces/default/daemonsets/a/status"). */
    public List<String> requests() {
        return requests.list();
    }

    /** Forgets the requests made so far, after setting a cluster up. */
    public void clearRequests() {
        requests.clear();
    }

    /**
     * Runs {@code round} (reconciles, the kubelet) until a round makes no write request, at most {@code maxRounds}
     * times: a controller that keeps writing fails the test here, naming its writes.
     */
    public void settle(int maxRounds, Step round) {
        for (int i = 0; i < maxRounds; i++) {
            clearRequests();
            run(round);
            if (requests().isEmpty()) {
                return;
            }
        }
        throw new AssertionError("still writing after " + maxRounds + " rounds: " + requests());
    }

    /** Runs {@code reconciles} on a converged cluster and asserts that they sent no write and the store did not move. */
    public void assertWritesNothing(Step reconciles) {
        long converged = revision();
        clearRequests();
        run(reconciles);
        assertThat(requests()).as("write requests of a second reconcile of a converged cluster").isEmpty();
        assertThat(writtenSince(converged)).as("objects written").isEmpty();
        assertThat(revision()).as("store revision").isEqualTo(converged);
    }

    /** Reconciles and kubelet work a test runs; reconcilers may throw. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private static void run(Step step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The store's revision: it moves with every write, and only with a write. */
    public long revision() {
        return store.currentRevision();
    }

    /** The keys of the objects written after {@code revision}, to say what a test did not expect. */
    public List<String> writtenSince(long revision) {
        List<String> keys = new ArrayList<>();
        for (KeyValue kv : store.list("/registry/", dev.orc.reconciler.store.ListOptions.all()).items()) {
            if (kv.modRevision() > revision) {
                keys.add(kv.key());
            }
        }
        return keys;
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
