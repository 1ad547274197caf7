package dev.orc.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP under {@link ApiClient}: requests over {@link Http1Client}'s HTTP/1.1 connections, streams (watches,
 * followed logs) over one {@link HttpClient} made when the first stream opens, the bearer token on every request,
 * a timeout on every request but streams, and every failure turned into an {@link ApiException} a person can read.
 * Where the config lists several servers ({@link ServerChoice}), a request that could not reach one goes to the
 * next: any request the server never received (connection refused or not made in time), and a read that lost its
 * answer; a write whose answer was lost is not sent again, as its effect is unknown. A stream that ends unreachable
 * moves on too, so its owner's next watch goes to the next server. The server's {@code Warning} headers are logged
 * as warnings, as kubectl prints them.
 */
final class HttpTransport implements ApiTransport {
    private static final Logger WARNINGS = LoggerFactory.getLogger("dev.orc.api.client.ServerWarnings");
    static final int MAX_RETRIES_AFTER_429 = 5;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);
    /**
     * {@code orc/VERSION (os/arch)}, shaped as kubectl's: the server records what orc changes under the name before
     * the first '/', {@code orc}.
     */
    static final String USER_AGENT = "orc/" + java.util.Objects.requireNonNullElse(
            HttpTransport.class.getPackage().getImplementationVersion(), "dev")
            + " (" + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/" + System.getProperty("os.arch") + ")";
    /** Three of the server's bookmark intervals (10 s) without a line. */
    static final Duration WATCH_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Http1Client requests;
    private final Supplier<HttpClient> streamClient;
    private HttpClient streams;
    private final ServerChoice servers;
    private final String token;
    private final Duration requestTimeout;
    private final String trust;
    private final Duration watchIdleTimeout;

    /** A transport to the server {@code config} names. */
    static HttpTransport connect(ClientConfig config, Duration requestTimeout) {
        ServerChoice servers = new ServerChoice(config.servers());
        Supplier<SSLContext> tls = once(() -> config.certificateAuthority() == null ? null
                : TrustedCertificates.sslContext(config.certificateAuthority()));
        Supplier<HttpClient> streamClient = () -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(ApiClient.DEFAULT_CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1);
            if (tls.get() != null) {
                builder.sslContext(tls.get());
            }
            return builder.build();
        };
        String trust = config.certificateAuthority() == null ? "the system's trusted CAs"
                : config.certificateAuthority().toString();
        LocalSocket local = config.localSocket() == null || config.server() == null ? null
                : new LocalSocket(config.localSocket(), config.server());
        return new HttpTransport(new Http1Client(tls, ApiClient.DEFAULT_CONNECT_TIMEOUT, local), streamClient, servers,
                config.token(), requestTimeout, trust, WATCH_IDLE_TIMEOUT);
    }

    /**
     * {@code make}'s value, made by the first call: the TLS context is built only when a TLS connection is first
     * opened, so that a command whose requests all go through a {@link LocalSocket} never pays for it.
     */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private boolean made;
            private T value;

            @Override
            public synchronized T get() {
                if (!made) {
                    value = make.get();
                    made = true;
                }
                return value;
            }
        };
    }

    /** A transport to {@code server} (plain HTTP or the JDK's trusted CAs) whose streams go through {@code streams}. */
    HttpTransport(HttpClient streams, URI server, String token, Duration requestTimeout, String trust,
                  Duration watchIdleTimeout) {
        this(new Http1Client(null, ApiClient.DEFAULT_CONNECT_TIMEOUT), () -> streams,
                new ServerChoice(List.of(server)), token, requestTimeout, trust, watchIdleTimeout);
    }

    private HttpTransport(Http1Client requests, Supplier<HttpClient> streamClient, ServerChoice servers, String token,
                          Duration requestTimeout, String trust, Duration watchIdleTimeout) {
        this.watchIdleTimeout = watchIdleTimeout;
        this.requests = requests;
        this.streamClient = streamClient;
        this.servers = servers;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.trust = trust;
    }

    /** The client of streams, made by the first stream: a command that only sends requests never pays for it. */
    private synchronized HttpClient streams() {
        if (streams == null) {
            streams = streamClient.get();
        }
        return streams;
    }

    @Override
    public String base() {
        return servers.current();
    }

    @Override
    public ObjectNode call(ApiCall call) {
        JsonNode body = call.body();
        byte[] answer = send(call.method(), call.pathAndQuery(), body == null ? null : Json.bytes(body), call.contentType());
        JsonNode node;
        try {
            node = Json.parse(answer);
        } catch (IllegalArgumentException e) {
            throw ApiException.unreachable("the server answered with something that is not JSON: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.unreachable("the server answered with JSON that is not an object", null);
        }
        return object;
    }

    /**
     * A watch that asked for bookmarks hears from the server at least every bookmark interval, so one silent for
     * the idle timeout ({@link #WATCH_IDLE_TIMEOUT} unless a test says otherwise) is ended as a dead connection (and its owner re-watches).
     */
    @Override
    public WatchHandle watch(ApiCall call, WatchListener listener) {
        boolean bookmarks = call.query().byName().containsKey("allowWatchBookmarks");
        String base = servers.current();
        return LineStream.start(streams(), request(base, call.pathAndQuery()).GET().build(), base,
                line -> WatchDecoder.deliver(line, listener), movingOnIfUnreachable(base, listener::onClose),
                bookmarks ? watchIdleTimeout : null);
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        String base = servers.current();
        return LineStream.start(streams(), request(base, pathAndQuery).GET().build(), base, onLine,
                movingOnIfUnreachable(base, onEnd));
    }

    private Consumer<ApiException> movingOnIfUnreachable(String base, Consumer<ApiException> onEnd) {
        return failure -> {
            if (failure != null && failure.isUnreachable()) {
                servers.unreachable(base);
            }
            onEnd.accept(failure);
        };
    }

    /**
     * Sends the request; a 429 with a {@code Retry-After} (the server is at its limit of requests in flight, and did
     * nothing) is sent again after it, at most {@link #MAX_RETRIES_AFTER_429} times, as client-go does. A 429 without
     * one (an eviction a disruption budget refuses) is the caller's to handle.
     */
    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        for (int retry = 0; ; retry++) {
            Http1Response response = sendOnce(method, pathAndQuery, body, contentType);
            response.allValues("Warning").forEach(warning -> WARNINGS.warn("{}", ServerWarning.text(warning)));
            if (response.statusCode() == 429 && response.firstValue("Retry-After").isPresent()
                    && retry < MAX_RETRIES_AFTER_429) {
                pause(retryAfter(response));
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw ApiException.fromResponse(response.statusCode(), response.body());
            }
            return response.body();
        }
    }

    private static Duration retryAfter(Http1Response response) {
        long seconds = response.firstValue("Retry-After").map(value -> {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException notSeconds) {
                return 1L;
            }
        }).orElse(1L);
        return Duration.ofSeconds(Math.clamp(seconds, 1, MAX_RETRY_AFTER.toSeconds()));
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unreachable("interrupted while waiting to retry a request to the orc server at "
                    + servers.current(), e);
        }
    }

    /** Sends the request to the current server, and to the next ones while they cannot be reached and it is safe. */
    private Http1Response sendOnce(String method, String pathAndQuery, byte[] body, String contentType) {
        for (int attempt = 1; ; attempt++) {
            String base = servers.current();
            try {
                return requests.send(base, method, pathAndQuery, headers(body == null ? null : contentType), body,
                        requestTimeout);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw ApiException.unreachable("interrupted while waiting for the orc server at " + base, e);
                }
                servers.unreachable(base);
                if (attempt >= servers.size() || !safeToSendAgain(method, e)) {
                    throw unreachable(base, e);
                }
            }
        }
    }

    private Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", USER_AGENT);
        if (token != null && !token.isEmpty()) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.forEach((name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the " + name + " header may not hold a line break"
                        + ("Authorization".equals(name) ? " (check the token in the client config)" : ""));
            }
        });
        return headers;
    }

    /** A request the server never got may go anywhere; one that got there is sent again only if it is a read. */
    private static boolean safeToSendAgain(String method, IOException e) {
        return e instanceof java.net.ConnectException || "GET".equals(method);
    }

    private ApiException unreachable(String base, IOException e) {
        String others = servers.size() > 1 ? " (tried " + servers.describe() + ")" : "";
        if (e instanceof SocketTimeoutException) {
            return ApiException.unreachable("the orc server at " + base + " did not answer within "
                    + (requestTimeout.toMillis() < 1000 ? requestTimeout.toMillis() + "ms" : requestTimeout.toSeconds() + "s")
                    + others, e);
        }
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            return ApiException.unreachable("cannot verify the TLS certificate of the orc server at " + base
                    + ": it is not signed by the configured certificate authority (" + trust + ")", e);
        }
        return ApiException.unreachable("cannot reach the orc server at " + base + ": "
                + (e instanceof java.net.ConnectException && !(e instanceof Http1Connection.ConnectTimeout)
                ? "connection refused" : LineStream.describe(e)) + others, e);
    }

    private HttpRequest.Builder request(String base, String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }
}
