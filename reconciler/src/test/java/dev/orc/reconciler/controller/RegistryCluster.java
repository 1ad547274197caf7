package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Timestamps;
import dev.orc.api.model.Views;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.manager.ClientControllerEvents;
import dev.orc.reconciler.manager.ClientEvents;
import dev.orc.reconciler.manager.ClientObjectWriter;
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
    private final RecordingTransport transport;
    private final ApiClient client;

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
        this.transport = new RecordingTransport(server.localTransport(ApiTransport.http(config, Duration.ofSeconds(10))));
        this.client = ApiClient.over(transport);
    }

    public ApiClient client() {
        return client;
    }

    public ObjectWriter writer() {
        return new ClientObjectWriter(client);
    }

    public ClientControllerEvents events() {
        return new ClientControllerEvents(new ClientEvents(client, "registry-cluster-test", clock));
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
        };
    }

    /** Creates {@code object} through the API, then its status if it has one; returns it as stored. */
    public ObjectNode seed(ResourceType type, ObjectNode object) {
        String namespace = type.namespaced() ? object.path("metadata").path("namespace").asText("default") : null;
        ObjectNode created = client.create(type, namespace, object, WriteOptions.defaults());
        if (object.has("status")) {
            created.set("status", object.get("status").deepCopy());
            return client.updateStatus(type, namespace, created);
        }
        return created;
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        try {
            return Optional.of(client.get(type, type.namespaced() ? namespace : null, name));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<ObjectNode> list(ResourceType type) {
        return cache(type).list("default").stream().map(Cached::copy).toList();
    }

    /** The kubelet and scheduler: every pod not being deleted is bound to {@code node}, Running and Ready. */
    public void runAllPods(String node) {
        for (ObjectNode pod : list(ResourceTypes.POD)) {
            if (pod.path("metadata").has("deletionTimestamp") || "Running".equals(pod.path("status").path("phase").asText())) {
                continue;
            }
            String name = pod.path("metadata").path("name").asText();
            if (pod.path("spec").path("nodeName").asText().isEmpty()) {
                client.bind("default", name, node);
                pod = client.get(ResourceTypes.POD, "default", name);
            }
            ObjectNode status = pod.putObject("status").put("phase", "Running").put("hostIP", "127.0.0.1")
                    .put("startTime", Timestamps.format(clock.instant()));
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                    .put("lastTransitionTime", Timestamps.format(clock.instant()));
            client.updateStatus(ResourceTypes.POD, "default", pod);
        }
    }

    /** Every request that was not a read, in order ("PUT /apis/apps/v1/namespaces/default/daemonsets/a/status"). */
    public List<String> requests() {
        return transport.writes();
    }

    /** Forgets the requests made so far, after setting a cluster up. */
    public void clearRequests() {
        transport.clear();
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
