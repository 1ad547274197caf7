package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchListener;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch caches' store watch fails again and again while objects change under a hundred watching clients. Each
 * client re-watches from the last resourceVersion it saw after a random pause (so that some come back while the cache
 * is down and some after it started again), and re-lists when told 410 Gone. Whatever happened, every client must
 * have seen each change exactly once, in the store's order, between the points where it (re-)listed.
 */
class WatchCacheRestartTest {
    private static final String NAMESPACE = "restart";
    private static final int WATCHERS = 100;
    private static final int OBJECTS = 20;
    private static final int WRITES = 300;
    private static final int RESTARTS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Store store;
    private ApiServer server;
    private final List<CacheWatch> cacheWatches = new CopyOnWriteArrayList<>();
    private final List<ResumingWatch> clients = new ArrayList<>();
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        clients.forEach(ResumingWatch::stop);
        reconnects.shutdownNow();
        if (server != null) {
            server.close();
        }
        store.close();
    }

    @Test
    void everyClientSeesEveryChangeOnceAcrossRestartsOfTheWatchCache() {
        store = failableWatches(SqliteStore.open(dir));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
        ApiClient client = ApiClient.connect(new ClientConfig(server.url(), null, null, NAMESPACE));
        ObjectNode namespace = Json.object();
        namespace.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", NAMESPACE);
        client.create(ResourceTypes.NAMESPACE, null, namespace, WriteOptions.defaults());
        IntStream.range(0, WATCHERS).forEach(i -> clients.add(new ResumingWatch(client, reconnects).start()));

        List<Long> history = new ArrayList<>();
        int restartEvery = WRITES / (RESTARTS + 1);
        for (int write = 0; write < WRITES; write++) {
            history.add(write(client, write));
            if (write % restartEvery == restartEvery - 1) {
                failTheCachesStoreWatch();
            }
        }

        long last = history.getLast();
        boolean caughtUp = awaitCatchingUp(last);
        assertThat(cacheWatches).as("the caches' store watch was restarted each time it failed").hasSizeGreaterThan(RESTARTS);
        assertThat(clients.stream().mapToInt(ResumingWatch::reconnects).sum())
                .as("the restarts ended the clients' watches").isGreaterThanOrEqualTo(WATCHERS);
        for (ResumingWatch watch : clients) {
            for (Segment segment : watch.segments()) {
                List<Long> expected = history.stream()
                        .filter(rv -> rv > segment.from() && rv <= segment.lastSeen()).toList();
                assertThat(segment.seen()).as("what a client saw after resourceVersion %d", segment.from())
                        .containsExactlyElementsOf(expected);
            }
        }
        assertThat(caughtUp).as("every client saw the last write within %s", WAIT).isTrue();
    }

    /** Waits (bounded) for every client to see the last write; false when one did not, to report what it missed. */
    private boolean awaitCatchingUp(long last) {
        try {
            await().atMost(WAIT).until(() -> clients.stream().allMatch(c -> c.lastSeen() >= last));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static long write(ApiClient client, int write) {
        String name = "cm-" + write % OBJECTS;
        ObjectNode map = Json.object();
        map.put("apiVersion", "v1").put("kind", "ConfigMap").putObject("metadata").put("name", name);
        map.putObject("data").put("write", Integer.toString(write));
        ObjectNode stored = write < OBJECTS
                ? client.create(ResourceTypes.CONFIG_MAP, NAMESPACE, map, WriteOptions.defaults())
                : client.update(ResourceTypes.CONFIG_MAP, NAMESPACE, map, WriteOptions.defaults());
        return Long.parseLong(stored.path("metadata").path("resourceVersion").asText());
    }

    /** As a store watch fails: it delivers nothing more, and its listener hears of the failure; then it is back. */
    private void failTheCachesStoreWatch() {
        int opened = cacheWatches.size();
        CacheWatch current = cacheWatches.getLast();
        current.watch().close();
        current.listener().onError(new StoreException("injected: the store watch broke"));
        await().atMost(WAIT).until(() -> cacheWatches.size() > opened);
    }

    /** The store, keeping the watch the watch caches open on all of {@code /registry/} so that a test can fail it. */
    private Store failableWatches(Store real) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class}, (proxy, method, args) -> {
            try {
                Object result = method.invoke(real, args);
                if (method.getName().equals("watch") && "/registry/".equals(args[0])) {
                    cacheWatches.add(new CacheWatch((Watch) result, (dev.orc.reconciler.store.WatchListener) args[2]));
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private record CacheWatch(Watch watch, dev.orc.reconciler.store.WatchListener listener) {
    }

    /** The changes one client saw after it listed (or re-listed) at {@code from}. */
    private record Segment(long from, List<Long> seen) {
        long lastSeen() {
            return seen.isEmpty() ? from : seen.getLast();
        }
    }

    /** A client watch that resumes from the last resourceVersion it saw, and re-lists on 410 Gone. */
    private static final class ResumingWatch implements WatchListener {
        private final ApiClient client;
        private final ScheduledExecutorService reconnects;
        private final List<Segment> segments = new CopyOnWriteArrayList<>();
        private static final int PAUSE_MILLIS = 600;
        private final AtomicInteger reconnectCount = new AtomicInteger();
        private volatile boolean stopped;
        private volatile dev.orc.api.client.WatchHandle handle;

        ResumingWatch(ApiClient client, ScheduledExecutorService reconnects) {
            this.client = client;
            this.reconnects = reconnects;
        }

        ResumingWatch start() {
            relist();
            return this;
        }

        private void relist() {
            ObjectNode list = client.list(ResourceTypes.CONFIG_MAP, NAMESPACE, ListOptions.all());
            segments.add(new Segment(Long.parseLong(list.path("metadata").path("resourceVersion").asText()),
                    new CopyOnWriteArrayList<>()));
            watchFromLastSeen();
        }

        private void watchFromLastSeen() {
            if (!stopped) {
                handle = client.watch(ResourceTypes.CONFIG_MAP, NAMESPACE,
                        ListOptions.all().withResourceVersion(Long.toString(lastSeen())), this);
            }
        }

        @Override
        public void onEvent(WatchEvent event) {
            if (event.type() != WatchEvent.Type.BOOKMARK) {
                segments.getLast().seen().add(Long.parseLong(event.resourceVersion()));
            }
        }

        @Override
        public void onClose(ApiException failure) {
            if (stopped) {
                return;
            }
            reconnectCount.incrementAndGet();
            Runnable again = failure != null && failure.isGone() ? this::relist : this::watchFromLastSeen;
            reconnects.schedule(again, ThreadLocalRandom.current().nextInt(PAUSE_MILLIS), TimeUnit.MILLISECONDS);
        }

        long lastSeen() {
            return segments.getLast().lastSeen();
        }

        List<Segment> segments() {
            return segments;
        }

        int reconnects() {
            return reconnectCount.get();
        }

        void stop() {
            stopped = true;
            if (handle != null) {
                handle.close();
            }
        }
    }
}
