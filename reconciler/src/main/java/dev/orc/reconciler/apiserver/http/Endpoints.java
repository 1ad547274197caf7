package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.apiserver.audit.AuditRecorder;
import dev.orc.reconciler.apiserver.auth.RequestGate;
import dev.orc.reconciler.apiserver.auth.RequestUser;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.RequestWarnings;
import dev.orc.reconciler.store.RevisionCompactedException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.StoreFullException;
import dev.orc.reconciler.store.ValueTooLargeException;
import dev.orc.reconciler.store.encryption.UnencryptedValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Adapts {@link ApiHandler}s to Javalin: reads the request (bounded), runs the handler under the request
 * deadline, renders the reply or the failure as a Kubernetes Status, and counts it.
 */
public final class Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private final RequestDeadlines deadlines;
    private final int maxBodyBytes;
    private final ApiMetrics metrics;
    private final WatchStreamer watches;
    private final Store store;
    private final InFlightLimit inFlight;
    private final TableReplies tables;
    private volatile boolean stopping;

    public Endpoints(RequestDeadlines deadlines, int maxBodyBytes, ApiMetrics metrics, WatchStreamer watches,
                     Store store, RequestLimits limits, Clock clock) {
        this.tables = new TableReplies(clock);
        this.inFlight = new InFlightLimit(limits, metrics);
        this.deadlines = deadlines;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.watches = watches;
        this.store = store;
    }

    /** Maps every failure, including Javalin's own (no route, wrong method), to a Status body. */
    public void mapErrors(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> render(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> render(ctx, switch (e.getStatus()) {
            case 404 -> new ApiException.NotFound("the server could not find the requested resource");
            case 405 -> new ApiException.MethodNotAllowed(ctx.method().name(), ctx.path());
            case 413 -> new ApiException.RequestEntityTooLarge(maxBodyBytes);
            default -> new ApiException.BadRequest(e.getMessage());
        }));
        routes.exception(Exception.class, (e, ctx) -> render(ctx, translate(e)));
    }

    /** A request answered on its own (virtual) thread, under the request deadline. */
    Handler call(String verb, String resource, ApiHandler handler) {
        return ctx -> {
            long start = System.nanoTime();
            Reply answer;
            List<String> warnings = RequestWarnings.none();
            try (InFlightLimit.Permit ignored = inFlight.enter(ctx.method().name())) {
                ApiRequest request = read(ctx);
                UserInfo user = RequestGate.requestUser(ctx);
                try {
                    answer = deadlines.run(() -> RequestWarnings.collecting(warnings,
                            () -> RequestUser.as(user, () -> handler.handle(request))));
                } catch (RuntimeException | TimeoutException e) {
                    answer = failure(translate(e));
                }
            } catch (ApiException.TooManyRequests refused) {
                drain(ctx.bodyInputStream());
                answer = failure(refused);
            }
            warn(ctx, warnings);
            respond(ctx, answer);
            metrics.request(verb, resource, answer.code(), Duration.ofNanos(System.nanoTime() - start));
        };
    }

    /**
     * Answers a request made inside the server's process: the handler runs on the caller's thread, failures become
     * their Status as over HTTP, and the request is counted like any other.
     */
    Reply local(String verb, String resource, ApiHandler handler, ApiRequest request) {
        long start = System.nanoTime();
        Reply answer;
        try {
            answer = handler.handle(request);
        } catch (RuntimeException e) {
            answer = failure(translate(e));
        }
        metrics.request(verb, resource, answer.code(), Duration.ofNanos(System.nanoTime() - start));
        return answer;
    }

    /** What a client would have been told of {@code error}. */
    ApiException asClientFailure(Throwable error) {
        return translate(error);
    }

    /**
     * A collection's GET: a watch, a Table of {@code list}'s objects, or the list as {@code json} answers it (which may
     * write bytes, not a tree).
     */
    Handler listOrWatch(ResourceType type, String resource, ApiHandler list, ApiHandler json, boolean allNamespaces) {
        Handler listing = call("list", resource, json);
        return ctx -> {
            if (isWatch(ctx)) {
                serveWatch(ctx, type, allNamespaces ? null : ctx.pathParamMap().get("namespace"), null);
            } else {
                tables.asked(ctx).map(table -> call("list", resource, tables.list(type, table, list)))
                        .orElse(listing).handle(ctx);
            }
        };
    }

    Handler getOrWatch(ResourceType type, String resource, ApiHandler get) {
        Handler getting = call("get", resource, get);
        return ctx -> {
            if (isWatch(ctx)) {
                serveWatch(ctx, type, ctx.pathParamMap().get("namespace"), ctx.pathParam("name"));
            } else {
                tables.asked(ctx).map(table -> call("get", resource, tables.object(type, table, get)))
                        .orElse(getting).handle(ctx);
            }
        };
    }

    /** The legacy {@code /watch/...} paths. */
    Handler watch(ResourceType type, boolean allNamespaces, boolean named) {
        return ctx -> serveWatch(ctx, type, allNamespaces ? null : ctx.pathParamMap().get("namespace"),
                named ? ctx.pathParam("name") : null);
    }

    Handler json(Supplier<JsonNode> document) {
        return ctx -> respond(ctx, Reply.ok(document.get()));
    }

    void ok(Context ctx) {
        ctx.contentType("text/plain").result("ok");
    }

    /** The server is shutting down: /readyz says so from now on, so load balancers stop sending requests here. */
    public void stopAccepting() {
        stopping = true;
    }

    /** Public, so a failure is one fixed phrase: the store's own error (addresses, paths) goes only to the log. */
    void ready(Context ctx) {
        if (stopping) {
            ctx.status(503).contentType("text/plain").result("shutting down");
            return;
        }
        try {
            store.currentRevision();
            ctx.contentType("text/plain").result("ok");
        } catch (StoreException e) {
            LOG.warn("not ready: store unavailable: {}", e.getMessage());
            ctx.status(503).contentType("text/plain").result("store unavailable");
        }
    }

    private void serveWatch(Context ctx, ResourceType type, String namespace, String name) throws IOException {
        long start = System.nanoTime();
        ApiRequest request = new ApiRequest(ctx.method().name(), ctx.path(), ctx.pathParamMap(), ctx.queryParamMap(),
                new byte[0], ctx.contentType(), ctx.userAgent());
        watches.serve(ctx, request, type, namespace, name,
                tables.asked(ctx).map(table -> tables.watchRows(type, table, request)));
        metrics.request("watch", type.plural(), ctx.statusCode(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static boolean isWatch(Context ctx) {
        String watch = ctx.queryParam("watch");
        return "true".equals(watch) || "1".equals(watch);
    }

    private ApiRequest read(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        InputStream in = ctx.bodyInputStream();
        if (declared > maxBodyBytes) {
            drain(in);
            throw new ApiException.RequestEntityTooLarge(maxBodyBytes);
        }
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            drain(in);
            throw new ApiException.RequestEntityTooLarge(maxBodyBytes);
        }
        ctx.attribute(AuditRecorder.REQUEST_BODY, body);
        return new ApiRequest(ctx.method().name(), ctx.path(), ctx.pathParamMap(), ctx.queryParamMap(), body,
                ctx.contentType(), ctx.userAgent());
    }

    /** Reads what is left of an oversized body (up to a bound) so the client gets to read the 413. */
    private static void drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0 && skipped < MAX_DRAIN_BYTES; n = in.read(buffer)) {
            skipped += n;
        }
    }

    private ApiException translate(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return switch (cause) {
            case ApiException api -> api;
            case TimeoutException t -> new ApiException.Timeout("the request did not complete within "
                    + deadlines.timeout().toSeconds() + "s");
            case ValueTooLargeException big -> new ApiException.RequestEntityTooLarge(Store.MAX_VALUE_BYTES);
            case RevisionCompactedException gone -> new ApiException.Gone("Expired", gone.getMessage());
            case StoreFullException full -> {
                LOG.error("write refused: {}", full.getMessage());
                yield new ApiException.InternalError(full.getMessage());
            }
            case UnencryptedValueException plain -> {
                LOG.error("read refused: {}", plain.getMessage());
                yield new ApiException.InternalError(plain.getMessage());
            }
            case StoreException store -> {
                LOG.warn("a request failed in the store: {}", store.getMessage());
                yield new ApiException.ServiceUnavailable("the store is unavailable: " + store.getMessage());
            }
            default -> {
                LOG.error("request failed", cause);
                yield new ApiException.InternalError(cause.getMessage() == null ? cause.getClass().getSimpleName()
                        : cause.getMessage());
            }
        };
    }

    private static Reply failure(ApiException error) {
        return new Reply(error.code(), error.toStatus());
    }

    private static void render(Context ctx, ApiException error) {
        respond(ctx, new Reply(error.code(), error.toStatus()));
    }

    /** Each warning as kube-apiserver sends one: {@code Warning: 299 - "text"}, which kubectl prints. */
    private static void warn(Context ctx, List<String> warnings) {
        synchronized (warnings) {
            for (String warning : warnings) {
                ctx.res().addHeader("Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"")
                        .replace('\n', ' ') + "\"");
            }
        }
    }

    private static void respond(Context ctx, Reply answer) {
        JsonNode body = answer.body();
        if (answer.code() == 429 && body.path("details").has("retryAfterSeconds")) {
            ctx.header("Retry-After", body.path("details").path("retryAfterSeconds").asText());
        }
        ctx.status(answer.code()).contentType("application/json")
                .result(answer.json() != null ? answer.json() : Json.bytes(body));
    }
}
