package dev.orc.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP under {@link ApiClient}: one shared {@link HttpClient}, the bearer token on every request, a
 * timeout on every request but streams, and every failure turned into an {@link ApiException} a person can read.
 */
final class HttpTransport implements ApiTransport {
    static final int MAX_RETRIES_AFTER_429 = 5;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);
    /** Three of the server's bookmark intervals (10 s) without a line. */
    static final Duration WATCH_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration requestTimeout;
    private final String trust;
    private final Duration watchIdleTimeout;

    /** A transport to the server {@code config} names, over one shared HTTP/1.1 client. */
    static HttpTransport connect(ClientConfig config, Duration requestTimeout) {
        if (config.server() == null) {
            throw new IllegalArgumentException("no orc server configured: pass --server URL, set ORC_SERVER, or run "
                    + "orc up (it writes ~/.orc/config)");
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(ApiClient.DEFAULT_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (config.certificateAuthority() != null) {
            builder.sslContext(TrustedCertificates.sslContext(config.certificateAuthority()));
        }
        String trust = config.certificateAuthority() == null ? "the system's trusted CAs"
                : config.certificateAuthority().toString();
        return new HttpTransport(builder.build(), config.server(), config.token(), requestTimeout, trust,
                WATCH_IDLE_TIMEOUT);
    }

    HttpTransport(HttpClient http, URI server, String token, Duration requestTimeout, String trust,
                  Duration watchIdleTimeout) {
        this.watchIdleTimeout = watchIdleTimeout;
        this.http = http;
        String text = server.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.trust = trust;
    }

    @Override
    public String base() {
        return base;
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
        return LineStream.start(http, request(call.pathAndQuery()).GET().build(), base,
                line -> WatchDecoder.deliver(line, listener), listener::onClose, bookmarks ? watchIdleTimeout : null);
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        return LineStream.start(http, request(pathAndQuery).GET().build(), base, onLine, onEnd);
    }

    /**
     * Sends the request; a 429 with a {@code Retry-After} (the server is at its limit of requests in flight, and did
     * nothing) is sent again after it, at most {@link #MAX_RETRIES_AFTER_429} times, as client-go does. A 429 without
     * one (an eviction a disruption budget refuses) is the caller's to handle.
     */
    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        for (int retry = 0; ; retry++) {
            HttpResponse<byte[]> response = sendOnce(method, pathAndQuery, body, contentType);
            if (response.statusCode() == 429 && response.headers().firstValue("Retry-After").isPresent()
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

    private static Duration retryAfter(HttpResponse<?> response) {
        long seconds = response.headers().firstValue("Retry-After").map(value -> {
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
            throw ApiException.unreachable("interrupted while waiting to retry a request to the orc server at " + base, e);
        }
    }

    private HttpResponse<byte[]> sendOnce(String method, String pathAndQuery, byte[] body, String contentType) {
        HttpRequest.Builder builder = request(pathAndQuery).timeout(requestTimeout);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw ApiException.unreachable("the orc server at " + base + " did not answer within "
                    + (requestTimeout.toMillis() < 1000 ? requestTimeout.toMillis() + "ms" : requestTimeout.toSeconds() + "s"), e);
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw ApiException.unreachable("cannot verify the TLS certificate of the orc server at " + base
                    + ": it is not signed by the configured certificate authority (" + trust + ")", e);
        } catch (IOException e) {
            throw ApiException.unreachable("cannot reach the orc server at " + base + ": "
                    + (e instanceof java.net.ConnectException ? "connection refused" : LineStream.describe(e)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unreachable("interrupted while waiting for the orc server at " + base, e);
        }
        return response;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Accept", "application/json")
                .header("User-Agent", "orc-client");
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }
}
