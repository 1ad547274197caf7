package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.status.ApiException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The API for callers in the server's own process (its controllers, its scheduler, a node agent run beside it):
 * calls go to the same handlers, admission and watch caches as HTTP requests, found by what they name
 * ({@link LocalRoutes}), without sockets, paths, HTTP parsing or JSON text in between. A body is copied once, as the
 * handler reads it; answers are decoded from the store for each call and so are the caller's own; watch events,
 * shared by the watch cache, are copied for each watcher. What has no local route (container
 * logs, discovery, webhooks) goes over {@code http}. A local request runs on the caller's thread, bounded by the
 * store's own timeouts rather than the HTTP request deadline.
 */
public final class LocalTransport implements ApiTransport {
    private final LocalRoutes routes;
    private final Endpoints endpoints;
    private final WatchStreamer watches;
    private final ApiTransport http;

    public LocalTransport(LocalRoutes routes, Endpoints endpoints, WatchStreamer watches, ApiTransport http) {
        this.routes = routes;
        this.endpoints = endpoints;
        this.watches = watches;
        this.http = http;
    }

    /** A transport for the server's own handlers, which make only calls that have an in-process route. */
    public static LocalTransport inProcessOnly(LocalRoutes routes, Endpoints endpoints, WatchStreamer watches) {
        return new LocalTransport(routes, endpoints, watches, new InProcessOnly());
    }

    @Override
    public String base() {
        return http.base();
    }

    @Override
    public ObjectNode call(ApiCall call) {
        Optional<LocalRoutes.Route> route = routes.find(call);
        if (route.isEmpty()) {
            return http.call(call);
        }
        Reply reply = endpoints.local(route.get().verb(), route.get().resource(), route.get().handler(),
                ApiRequest.of(call));
        if (reply.code() / 100 != 2) {
            throw ApiException.fromStatus(reply.body(), reply.code());
        }
        if (!(reply.body() instanceof ObjectNode answer)) {
            throw new IllegalStateException(call + " answered something other than an object");
        }
        return answer;
    }

    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        return http.send(method, pathAndQuery, body, contentType);
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine,
                             Consumer<ApiException> onEnd) {
        return http.stream(pathAndQuery, onLine, onEnd);
    }

    @Override
    public WatchHandle watch(ApiCall call, WatchListener listener) {
        return LocalWatch.start(watches, ApiRequest.of(call), call.type(), call.namespace(), call.name(), listener,
                endpoints);
    }

    /** One in-process watch, streamed to its listener on a virtual thread of its own. */
    private static final class LocalWatch implements WatchHandle {
        private final AtomicBoolean closed = new AtomicBoolean();
        /** True while the listener runs: a close then waits for it to return instead of interrupting it. */
        private volatile boolean delivering;
        private final CountDownLatch ended = new CountDownLatch(1);
        private final Thread thread;

        private LocalWatch(WatchStreamer watches, ApiRequest request, dev.orc.api.meta.ResourceType type,
                           String namespace, String name, WatchListener listener, Endpoints endpoints) {
            thread = Thread.ofVirtual().name("orc-local-watch " + request.path())
                    .unstarted(() -> run(watches, request, type, namespace, name, listener, endpoints));
        }

        static LocalWatch start(WatchStreamer watches, ApiRequest request, dev.orc.api.meta.ResourceType type,
                                String namespace, String name, WatchListener listener, Endpoints endpoints) {
            LocalWatch watch = new LocalWatch(watches, request, type, namespace, name, listener, endpoints);
            watch.thread.start();
            return watch;
        }

        private void run(WatchStreamer watches, ApiRequest request, dev.orc.api.meta.ResourceType type,
                         String namespace, String name, WatchListener listener, Endpoints endpoints) {
            ApiException failure = null;
            try (WatchStreamer.Session session = watches.open(request, type, namespace, name)) {
                session.run(new WatchStreamer.WatchSink() {
                    @Override
                    public void event(String eventType, ObjectNode object, java.util.function.Supplier<byte[]> json) {
                        WatchEvent event = new WatchEvent(WatchEvent.Type.valueOf(eventType), object.deepCopy());
                        if (event.type() == WatchEvent.Type.ERROR) {
                            throw new Failed(event.error());
                        }
                        delivering = true;
                        try {
                            if (closed.get()) {
                                throw new Closed();
                            }
                            listener.onEvent(event);
                        } finally {
                            delivering = false;
                        }
                        if (closed.get()) {
                            throw new Closed();
                        }
                    }

                    @Override
                    public void flush() {
                    }
                });
            } catch (Closed | InterruptedException stopped) {
                failure = null;
            } catch (Failed e) {
                failure = e.failure;
            } catch (RuntimeException | java.io.IOException e) {
                failure = endpoints.asClientFailure(e);
            } finally {
                Thread.interrupted();
                try {
                    listener.onClose(closed.get() ? null : failure);
                } finally {
                    ended.countDown();
                }
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && !delivering) {
                thread.interrupt();
            }
        }

        @Override
        public boolean awaitClosed(Duration timeout) throws InterruptedException {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The listener closed the watch. */
        private static final class Closed extends RuntimeException {
            Closed() {
                super(null, null, false, false);
            }
        }

        /** The watch ended with an ERROR event. */
        private static final class Failed extends RuntimeException {
            private final ApiException failure;

            Failed(ApiException failure) {
                super(null, null, false, false);
                this.failure = failure;
            }
        }
    }
}
