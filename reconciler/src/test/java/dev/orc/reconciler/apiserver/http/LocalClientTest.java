package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.TypedResource;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.DeploymentStatus;
import dev.orc.api.model.ObjectMeta;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-process client answers as the HTTP client does, from the same handlers: objects, failures with their
 * reasons and causes, subresources, query parameters, watches (and their end), all without HTTP, and HTTP for what
 * has no local route (container logs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalClientTest {
    private static final String TOKEN = "local-token";
    private static final int WINDOW = 20;
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private Store store;
    private ApiServer server;
    private dev.orc.api.client.ApiClient local;
    private dev.orc.api.client.ApiClient http;
    private String ns;

    @BeforeAll
    void start() throws Exception {
        store = SqliteStore.open(Files.createTempDirectory("orc-local-client"));
        WatchSettings watch = new WatchSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(200), 1000,
                WINDOW, WatchSettings.DEFAULT_WINDOW_BYTES);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withWatch(watch)
                .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin"))));
        ClientConfig config = new ClientConfig(server.url(), TOKEN, null, "default");
        http = dev.orc.api.client.ApiClient.connect(config);
        local = server.localClient(ApiTransport.http(config, Duration.ofSeconds(10)));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @BeforeEach
    void namespace() {
        ns = "local-" + NAMESPACES.incrementAndGet();
        local.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace(ns), WriteOptions.defaults());
    }

    @Test
    void aStatusFromARecordThatEqualsTheStoredOneIsNotWrittenAgain() {
        local.create(ResourceTypes.DEPLOYMENT, ns, Fixtures.deployment("web", 1), WriteOptions.defaults());
        ObjectNode withStatus = local.get(ResourceTypes.DEPLOYMENT, ns, "web");
        withStatus.set("status", Json.tree(new DeploymentStatus(1L, 1, 1, 1, 1, null, null, null)));
        ObjectNode first = local.updateStatus(ResourceTypes.DEPLOYMENT, ns, withStatus);
        ObjectNode again = local.get(ResourceTypes.DEPLOYMENT, ns, "web");
        again.set("status", Json.tree(new DeploymentStatus(1L, 1, 1, 1, 1, null, null, null)));

        ObjectNode second = local.updateStatus(ResourceTypes.DEPLOYMENT, ns, again);

        assertThat(second.path("metadata").path("resourceVersion").asText())
                .isEqualTo(first.path("metadata").path("resourceVersion").asText());
    }

    @Test
    void objectsWrittenInProcessAreTheObjectsHttpClientsSee() {
        ObjectNode created = local.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("cm", "1"), WriteOptions.defaults());
        assertThat(created.path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(http.get(ResourceTypes.CONFIG_MAP, ns, "cm")).isEqualTo(created);

        ObjectNode patch = Json.object();
        patch.putObject("data").put("key", "2");
        ObjectNode patched = local.patch(ResourceTypes.CONFIG_MAP, ns, "cm", PatchType.MERGE, patch, WriteOptions.defaults());
        assertThat(patched.path("data").path("key").asText()).isEqualTo("2");
        assertThat(http.get(ResourceTypes.CONFIG_MAP, ns, "cm")).isEqualTo(patched);
    }

    @Test
    void aTypedClientWritesRecordsInProcessThroughAdmissionAndDefaults() {
        TypedResource<ConfigMap> configMaps = local.resource(ConfigMap.class);
        ConfigMap wanted = ConfigMap.of(ObjectMeta.of(ns, "typed"), Map.of("key", "1"));

        ConfigMap created = configMaps.create(wanted);

        assertThat(created.metadata().uid()).isNotEmpty();
        assertThat(created.data()).containsEntry("key", "1");
        assertThat(Json.convert(http.get(ResourceTypes.CONFIG_MAP, ns, "typed"), ConfigMap.class)).isEqualTo(created);
        assertThatThrownBy(() -> configMaps.create(wanted))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isAlreadyExists()).isTrue());
        assertThatThrownBy(() -> configMaps.update(created.withMetadata(created.metadata().withResourceVersion("1"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isConflict()).isTrue());
        assertThatThrownBy(() -> configMaps.create(ConfigMap.of(ObjectMeta.of(ns, "Not_A_Name"), Map.of())))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.reason()).isEqualTo("Invalid"));
    }

    @Test
    void answersAreTheCallersOwnAndRequestsAreNotChanged() {
        ObjectNode wanted = Fixtures.configMap("mine", "1");
        ObjectNode before = wanted.deepCopy();
        ObjectNode created = local.create(ResourceTypes.CONFIG_MAP, ns, wanted, WriteOptions.defaults());
        assertThat(wanted).isEqualTo(before);
        created.putObject("data").put("key", "changed by the caller");
        assertThat(local.get(ResourceTypes.CONFIG_MAP, ns, "mine").path("data").path("key").asText()).isEqualTo("1");
    }

    @Test
    void aBodyIsTakenAsJsonWouldCarryIt() {
        ObjectNode wanted = Fixtures.configMap("absent", "1");
        wanted.set("binaryData", wanted.path("nothing here"));
        wanted.putPOJO("immutable", Boolean.TRUE);
        ObjectNode created = local.create(ResourceTypes.CONFIG_MAP, ns, wanted, WriteOptions.defaults());
        assertThat(created.has("binaryData")).isFalse();
        assertThat(created.path("immutable").isBoolean()).isTrue();
        assertThat(http.get(ResourceTypes.CONFIG_MAP, ns, "absent")).isEqualTo(created);
    }

    @Test
    void failuresCarryTheSameCodeReasonAndCausesAsOverHttp() {
        local.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("dup", "1"), WriteOptions.defaults());
        ApiException overHttp = failure(() -> http.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("dup", "2"),
                WriteOptions.defaults()));
        ApiException inProcess = failure(() -> local.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("dup", "2"),
                WriteOptions.defaults()));
        assertThat(inProcess.code()).isEqualTo(409);
        assertThat(inProcess.getMessage()).isEqualTo(overHttp.getMessage());

        ApiException missing = failure(() -> local.get(ResourceTypes.DEPLOYMENT, ns, "nope"));
        assertThat(missing.isNotFound()).isTrue();
        assertThat(missing.getMessage()).isEqualTo(failure(() -> http.get(ResourceTypes.DEPLOYMENT, ns, "nope")).getMessage());

        ApiException invalid = failure(() -> local.create(ResourceTypes.CONFIG_MAP, ns,
                Fixtures.configMap("Not_Valid", "1"), WriteOptions.defaults()));
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.causes()).isNotEmpty()
                .isEqualTo(failure(() -> http.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("Not_Valid", "1"),
                        WriteOptions.defaults())).causes());
    }

    @Test
    void queryParametersReachTheHandlers() {
        local.create(ResourceTypes.POD, ns, Fixtures.pod("web-1", "web"), WriteOptions.defaults());
        local.create(ResourceTypes.POD, ns, Fixtures.pod("db-1", "db"), WriteOptions.defaults());
        ObjectNode selected = local.list(ResourceTypes.POD, ns, ListOptions.labelSelector("app=web"));
        assertThat(selected.path("items")).hasSize(1);
        assertThat(selected.path("items").get(0).path("metadata").path("name").asText()).isEqualTo("web-1");

        local.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("dry", "1"), WriteOptions.serverDryRun());
        assertThat(failure(() -> local.get(ResourceTypes.CONFIG_MAP, ns, "dry")).isNotFound()).isTrue();
    }

    @Test
    void subresourcesAndBindingGoThroughTheirHandlers() {
        local.create(ResourceTypes.POD, ns, Fixtures.pod("p", "web"), WriteOptions.defaults());
        local.bind(ns, "p", "node-1");
        ObjectNode bound = http.get(ResourceTypes.POD, ns, "p");
        assertThat(bound.path("spec").path("nodeName").asText()).isEqualTo("node-1");
        assertThat(failure(() -> local.bind(ns, "p", "node-2")).isConflict()).isTrue();

        local.create(ResourceTypes.DEPLOYMENT, ns, Fixtures.deployment("d", 1), WriteOptions.defaults());
        local.scale(ResourceTypes.DEPLOYMENT, ns, "d", 4);
        assertThat(http.get(ResourceTypes.DEPLOYMENT, ns, "d").path("spec").path("replicas").asInt()).isEqualTo(4);
    }

    @Test
    void aWatchListsThenFollowsAndEndsWhenClosed() throws Exception {
        local.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("first", "1"), WriteOptions.defaults());
        Events events = new Events();
        WatchHandle watch = local.watch(ResourceTypes.CONFIG_MAP, ns, ListOptions.all(), events);
        assertThat(events.next()).satisfies(e -> {
            assertThat(e.type()).isEqualTo(WatchEvent.Type.ADDED);
            assertThat(e.object().path("metadata").path("name").asText()).isEqualTo("first");
        });
        http.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("second", "1"), WriteOptions.defaults());
        assertThat(events.next().object().path("metadata").path("name").asText()).isEqualTo("second");
        http.delete(ResourceTypes.CONFIG_MAP, ns, "first", DeleteOptions.defaults());
        assertThat(events.next().type()).isEqualTo(WatchEvent.Type.DELETED);

        watch.close();
        assertThat(watch.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(events.closed.get(5, TimeUnit.SECONDS)).isEqualTo("normally");
    }

    @Test
    void aWatchFromARevisionWithASelectorSeesOnlyWhatItSelects() throws Exception {
        String from = local.list(ResourceTypes.POD, ns, ListOptions.all()).path("metadata").path("resourceVersion").asText();
        Events events = new Events();
        try (WatchHandle ignored = local.watch(ResourceTypes.POD, ns,
                ListOptions.labelSelector("app=web").withResourceVersion(from), events)) {
            http.create(ResourceTypes.POD, ns, Fixtures.pod("db", "db"), WriteOptions.defaults());
            http.create(ResourceTypes.POD, ns, Fixtures.pod("web", "web"), WriteOptions.defaults());
            WatchEvent event = events.next();
            assertThat(event.type()).isEqualTo(WatchEvent.Type.ADDED);
            assertThat(event.object().path("metadata").path("name").asText()).isEqualTo("web");
        }
    }

    @Test
    void aWatchFromACompactedRevisionEndsGoneAsOverHttp() throws Exception {
        long start = Long.parseLong(local.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("old", "0"),
                WriteOptions.defaults()).path("metadata").path("resourceVersion").asText());
        for (int i = 1; i <= WINDOW + 5; i++) {
            ObjectNode patch = Json.object();
            patch.putObject("data").put("key", Integer.toString(i));
            local.patch(ResourceTypes.CONFIG_MAP, ns, "old", PatchType.MERGE, patch, WriteOptions.defaults());
        }
        awaitWatchCacheAt(start, Integer.toString(WINDOW + 5));
        store.compact(store.currentRevision());
        Events events = new Events();
        local.watch(ResourceTypes.CONFIG_MAP, ns, ListOptions.all().withResourceVersion(Long.toString(start)), events);
        String closed = events.closed.get(5, TimeUnit.SECONDS);
        assertThat(closed).startsWith("410 ");
    }

    /**
     * Waits until the watch cache has served the last patch: a cache still reading the store when it is compacted
     * loses its own store watch and closes its watchers without an error, which is not what is tested here.
     */
    private void awaitWatchCacheAt(long from, String lastValue) throws Exception {
        Events events = new Events();
        try (WatchHandle ignored = local.watch(ResourceTypes.CONFIG_MAP, ns,
                ListOptions.all().withResourceVersion(Long.toString(from)), events)) {
            String value = "";
            while (!value.equals(lastValue)) {
                value = events.next().object().path("data").path("key").asText();
            }
        }
    }

    @Test
    void whatHasNoLocalRouteGoesOverHttp() {
        ObjectNode versions = local.get(ResourceTypes.NAMESPACE, null, ns);
        assertThat(versions.path("metadata").path("name").asText()).isEqualTo(ns);
        assertThat(local.server()).isEqualTo(http.server());
        ApiException noNode = failure(() -> local.log(ns, "ghost", dev.orc.api.client.LogOptions.defaults()));
        assertThat(noNode.isNotFound()).isTrue();
    }

    @Test
    void everyObjectCallIsAnsweredInProcessWithoutHttp() throws Exception {
        dev.orc.api.client.ApiClient only = server.localClient(new NoHttp());
        only.create(ResourceTypes.POD, ns, Fixtures.pod("p", "web"), WriteOptions.defaults());
        only.get(ResourceTypes.POD, ns, "p");
        only.listAll(ResourceTypes.POD, null, ListOptions.labelSelector("app=web"));
        only.list(ResourceTypes.NAMESPACE, null, ListOptions.all());
        only.patchStatus(ResourceTypes.POD, ns, "p", PatchType.MERGE, Json.object().set("status",
                Json.object().put("phase", "Pending")));
        only.getStatus(ResourceTypes.POD, ns, "p");
        only.bind(ns, "p", "node-1");
        only.create(ResourceTypes.DEPLOYMENT, ns, Fixtures.deployment("d", 1), WriteOptions.defaults());
        only.scale(ResourceTypes.DEPLOYMENT, ns, "d", 2);
        only.getScale(ResourceTypes.DEPLOYMENT, ns, "d");
        ObjectNode deployment = only.get(ResourceTypes.DEPLOYMENT, ns, "d");
        only.update(ResourceTypes.DEPLOYMENT, ns, deployment, WriteOptions.defaults());
        Events events = new Events();
        try (WatchHandle ignored = only.watch(ResourceTypes.DEPLOYMENT, null, ListOptions.all(), events)) {
            assertThat(events.next().object().path("metadata").path("name").asText()).isEqualTo("d");
        }
        only.delete(ResourceTypes.DEPLOYMENT, ns, "d", DeleteOptions.defaults());

        assertThat(failure(() -> only.get(ResourceTypes.POD, ns, "ghost")).isNotFound()).isTrue();
    }

    /** A transport for what has no local route that fails the test if anything reaches it. */
    private final class NoHttp implements ApiTransport {
        @Override
        public String base() {
            return server.url().toString();
        }

        @Override
        public ObjectNode call(dev.orc.api.client.ApiCall call) {
            throw new AssertionError("went over HTTP: " + call);
        }

        @Override
        public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
            throw new AssertionError("went over HTTP: " + method + " " + pathAndQuery);
        }

        @Override
        public WatchHandle stream(String pathAndQuery, java.util.function.Function<String, ApiException> onLine,
                                  java.util.function.Consumer<ApiException> onEnd) {
            throw new AssertionError("went over HTTP: GET " + pathAndQuery);
        }
    }

    private static ApiException failure(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }

    /** Collects a watch's events and how it ended. */
    private static final class Events implements WatchListener {
        private final BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public void onEvent(WatchEvent event) {
            queue.add(event);
        }

        @Override
        public void onClose(ApiException failure) {
            closed.complete(failure == null ? "normally" : failure.code() + " " + failure.getMessage());
        }

        WatchEvent next() throws InterruptedException {
            WatchEvent event = queue.poll(5, TimeUnit.SECONDS);
            assertThat(event).as("a watch event within 5 s").isNotNull();
            return event;
        }
    }
}
