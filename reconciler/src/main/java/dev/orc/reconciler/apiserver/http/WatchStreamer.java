package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.apiserver.auth.RequestGate;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.apiserver.registry.Selection;
import dev.orc.reconciler.apiserver.watch.EncodedEvent;
import dev.orc.reconciler.apiserver.watch.WatchCache;
import dev.orc.reconciler.apiserver.watch.WatchCaches;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.apiserver.watch.Watcher;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.RevisionCompactedException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Serves one watch request as a stream of newline-delimited {@code {"type":..,"object":..}} lines: the
 * initial objects when no resourceVersion is given, then the changes from the type's watch cache (or,
 * for a revision older than the cache's window, from a store watch of its own), bookmarks when asked,
 * until the watch's lifetime ends, the client goes away or it falls too far behind.
 */
public final class WatchStreamer {
    /** Messages already waiting are written together and flushed once, at most this many at a time. */
    private static final int MAX_UNFLUSHED = 64;
    private final ObjectRegistry registry;
    private final Store store;
    private final WatchCaches caches;
    private final ApiMetrics metrics;
    private final WatchSettings settings;
    private final RandomGenerator random;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final WatchQuota quota;
    private volatile boolean stopping;

    public WatchStreamer(ObjectRegistry registry, Store store, WatchCaches caches, ApiMetrics metrics,
                         WatchSettings settings, RandomGenerator random) {
        this.registry = registry;
        this.store = store;
        this.caches = caches;
        this.metrics = metrics;
        this.settings = settings;
        this.random = random;
        this.quota = new WatchQuota(settings.maxWatchesPerUser());
    }

    /**
     * Streams a watch to an HTTP client; with {@code rows}, each object goes as what it makes of it (a Table row), and
     * bookmarks and errors as they are. An authenticated user past its number of open watches gets 429.
     */
    void serve(Context ctx, ApiRequest request, ResourceType type, String namespace, String name,
               Optional<UnaryOperator<ObjectNode>> rows) throws IOException {
        UserInfo user = RequestGate.requestUser(ctx);
        if (user == null) {
            stream(ctx, request, type, namespace, name, rows);
            return;
        }
        if (!quota.tryOpen(user.name())) {
            throw new ApiException.TooManyRequests("user \"" + user.name() + "\" has " + quota.perUser()
                    + " watches open, the most one user may have; close one or retry", 5);
        }
        try {
            stream(ctx, request, type, namespace, name, rows);
        } finally {
            quota.close(user.name());
        }
    }

    private void stream(Context ctx, ApiRequest request, ResourceType type, String namespace, String name,
                        Optional<UnaryOperator<ObjectNode>> rows) throws IOException {
        Session session = open(request, type, namespace, name);
        try {
            idleTimeout(ctx, session.lifetime.plusSeconds(60));
            ctx.status(200);
            ctx.res().setContentType("application/json");
            OutputStream out = ctx.res().getOutputStream();
            session.run(new WatchSink() {
                @Override
                public void event(String eventType, ObjectNode object, Supplier<byte[]> json) throws IOException {
                    boolean anObject = !eventType.equals("BOOKMARK") && !eventType.equals("ERROR");
                    write(out, eventType, rows.isPresent() && anObject ? Json.bytes(rows.get().apply(object)) : json.get());
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }
            });
        } catch (IOException clientGone) {
            // the client closed the connection; there is nobody left to answer
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
        }
    }

    /**
     * Opens a watch: lists the initial objects when no resourceVersion is given and subscribes to the changes after
     * them. Whatever is wrong with the request (a bad or compacted resourceVersion) is thrown here, before anything
     * is streamed.
     */
    Session open(ApiRequest request, ResourceType type, String namespace, String name) {
        refuseWhileStopping();
        Selection selection = request.selection();
        Predicate<ObjectNode> selects = o -> selection.matches(o)
                && (namespace == null || namespace.equals(Meta.namespace(o)))
                && (name == null || name.equals(Meta.name(o)));
        Duration lifetime = lifetime(request);
        boolean bookmarks = request.flag("allowWatchBookmarks");
        String version = request.queryParam("resourceVersion").orElse("");
        ObjectNode initial = null;
        long after;
        if (version.isEmpty() || version.equals("0")) {
            initial = registry.list(type, namespace, selection, 0, null);
            after = Long.parseLong(initial.get("metadata").get("resourceVersion").asText());
        } else {
            after = parseVersion(version);
        }
        Watcher watcher = new Watcher(after, selects, settings.queueCapacity());
        WatchCache cache = caches.of(type);
        Watch fallback = cache.subscribe(watcher, after) ? null : storeWatch(type, watcher, after);
        metrics.watchOpened(type.plural());
        Session session = new Session(type, watcher, cache, fallback, initial, lifetime, bookmarks);
        sessions.add(session);
        if (stopping) {
            session.close();
            refuseWhileStopping();
        }
        return session;
    }

    /**
     * A watch opened while {@link #closeAll} runs is refused, before or after it is registered: one that closeAll's
     * pass missed would otherwise stream on until the server's drain gave up on it.
     */
    private void refuseWhileStopping() {
        if (stopping) {
            throw new ApiException.TooManyRequests("the server is shutting down; watch another server or retry", 1);
        }
    }

    /** Ends every watch (the server is stopping) and opens no more; their streams end at once. */
    public void closeAll() {
        stopping = true;
        List.copyOf(sessions).forEach(Session::close);
    }

    /** Where a watch's events go: the HTTP response, or a listener in this process. */
    interface WatchSink {
        /** One event; {@code json} is the object's JSON, written once for every watcher that streams it. */
        void event(String type, ObjectNode object, Supplier<byte[]> json) throws IOException;

        void flush() throws IOException;
    }

    /** One open watch: streams to a sink until its lifetime ends, it is closed, or it falls too far behind. */
    final class Session implements AutoCloseable {
        private final ResourceType type;
        private final Watcher watcher;
        private final WatchCache cache;
        private final Watch fallback;
        private final ObjectNode initial;
        private final Duration lifetime;
        private final boolean bookmarks;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Session(ResourceType type, Watcher watcher, WatchCache cache, Watch fallback, ObjectNode initial,
                        Duration lifetime, boolean bookmarks) {
            this.type = type;
            this.watcher = watcher;
            this.cache = cache;
            this.fallback = fallback;
            this.initial = initial;
            this.lifetime = lifetime;
            this.bookmarks = bookmarks;
        }

        void run(WatchSink sink) throws IOException, InterruptedException {
            if (initial != null) {
                for (JsonNode item : initial.get("items")) {
                    sink.event("ADDED", (ObjectNode) item, () -> Json.bytes(item));
                }
            }
            sink.flush();
            Instant end = Instant.now().plus(lifetime);
            Instant nextBookmark = Instant.now().plus(settings.bookmarkInterval());
            while (!watcher.finished()) {
                Instant now = Instant.now();
                if (!now.isBefore(end)) {
                    return;
                }
                Instant wake = bookmarks && nextBookmark.isBefore(end) ? nextBookmark : end;
                Watcher.Message message = watcher.poll(Duration.between(now, wake).plusMillis(1));
                if (message != null) {
                    for (int written = 1; message != null; written++) {
                        sink.event(message.type(), message.object(), message.json());
                        message = written < MAX_UNFLUSHED ? watcher.poll(Duration.ZERO) : null;
                    }
                    sink.flush();
                } else if (bookmarks && !Instant.now().isBefore(nextBookmark)) {
                    OptionalLong revision = watcher.bookmarkRevision();
                    if (revision.isPresent()) {
                        ObjectNode bookmark = bookmark(type, revision.getAsLong());
                        sink.event("BOOKMARK", bookmark, () -> Json.bytes(bookmark));
                        sink.flush();
                    }
                    nextBookmark = Instant.now().plus(settings.bookmarkInterval());
                }
            }
        }

        /** Ends the watch (once, however often called); a stream waiting for changes sees it at its next poll. */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            sessions.remove(this);
            cache.unsubscribe(watcher);
            watcher.close();
            if (fallback != null) {
                fallback.close();
            }
            metrics.watchClosed(type.plural());
        }
    }

    /** A watch straight on the store, for a revision the cache no longer holds; 410 when the store lost it too. */
    private Watch storeWatch(ResourceType type, Watcher watcher, long after) {
        try {
            store.list(type.storePrefix(), new ListOptions(1, null, after));
        } catch (RevisionCompactedException e) {
            throw gone(after);
        }
        return store.watch(type.storePrefix(), after, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                EncodedEvent encoded = EncodedEvent.of(event);
                if (encoded != null) {
                    watcher.offer(encoded.decoded());
                }
            }

            @Override
            public void onError(StoreException error) {
                if (error instanceof RevisionCompactedException) {
                    watcher.fail(new Watcher.Message("ERROR", gone(after).toStatus()));
                } else {
                    watcher.close();
                }
            }
        });
    }

    private static ApiException gone(long revision) {
        return new ApiException.Gone("Expired", "too old resource version: " + revision);
    }

    private Duration lifetime(ApiRequest request) {
        Long seconds = request.longParam("timeoutSeconds").orElse(null);
        if (seconds != null && seconds > 0) {
            Duration asked = Duration.ofSeconds(seconds);
            return asked.compareTo(settings.maxTimeout()) > 0 ? settings.maxTimeout() : asked;
        }
        long base = settings.defaultTimeout().toMillis();
        return Duration.ofMillis(base + random.nextLong(Math.max(1, base)));
    }

    private static long parseVersion(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("resourceVersion must be an integer, got \"" + version + "\"");
        }
    }

    private static ObjectNode bookmark(ResourceType type, long revision) {
        ObjectNode object = Json.object();
        object.put("kind", type.kind());
        object.put("apiVersion", type.apiVersion());
        object.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return object;
    }

    /** One line {@code {"type":TYPE,"object":OBJECT}}; {@code type} is one of the fixed event types. */
    private static void write(OutputStream out, String type, byte[] objectJson) throws IOException {
        out.write(("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.US_ASCII));
        out.write(objectJson);
        out.write('}');
        out.write('\n');
    }

    /** Lets the connection stay quiet for as long as the watch may last (the default idle timeout is short). */
    private static void idleTimeout(Context ctx, Duration timeout) {
        ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint()
                .setIdleTimeout(timeout.toMillis());
    }
}
