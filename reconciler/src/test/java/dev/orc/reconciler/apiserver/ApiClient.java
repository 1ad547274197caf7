package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A small HTTP client for the tests: JSON in, status code and JSON out, watches as a queue of events. */
public final class ApiClient {
    public record Response(int code, JsonNode body, java.net.http.HttpHeaders headers) {
        public ObjectNode object() {
            return (ObjectNode) body;
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final String userAgent;

    public ApiClient(HttpClient http, URI base, String token) {
        this(http, base, token, null);
    }

    private ApiClient(HttpClient http, URI base, String token, String userAgent) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.userAgent = userAgent;
    }

    /** This client sending {@code User-Agent: value}, as kubectl sends {@code kubectl/v1.32.0 (linux/amd64) ...}. */
    public ApiClient as(String value) {
        return new ApiClient(http, base, token, value);
    }

    public ApiClient(URI base, String token) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base, token);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET with an {@code Accept} header, as kubectl asks for Tables. */
    public Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    public Response post(String path, Object body) {
        return send(json(request(path), "POST", body, "application/json"));
    }

    public Response put(String path, Object body) {
        return send(json(request(path), "PUT", body, "application/json"));
    }

    public Response patch(String path, String contentType, Object body) {
        return send(json(request(path), "PATCH", body, contentType));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response delete(String path, Object options) {
        return send(json(request(path), "DELETE", options, "application/json"));
    }

    public Response sendRaw(String method, String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A GET that asks to upgrade to a WebSocket, as the fabric8 client does before it watches. */
    public Response webSocketHandshake(String path) {
        return send(request(path).header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13").GET());
    }

    /** Opens a watch; events arrive in the returned stream's queue until the server ends it. */
    public WatchStream watch(String pathAndQuery) {
        try {
            HttpResponse<Stream<String>> response = http.send(request(pathAndQuery).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            return new WatchStream(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static final class WatchStream implements AutoCloseable {
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final HttpResponse<Stream<String>> response;
        private final Thread reader;
        private volatile boolean ended;

        WatchStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = Thread.ofVirtual().start(() -> {
                try (Stream<String> lines = response.body()) {
                    lines.filter(l -> !l.isBlank()).forEach(l -> events.add(Json.parse(l)));
                } catch (UncheckedIOException closed) {
                    // the stream was closed by either side
                } finally {
                    ended = true;
                }
            });
        }

        public int code() {
            return response.statusCode();
        }

        /** The HTTP version the watch streams over. */
        public HttpClient.Version version() {
            return response.version();
        }

        /** The next event, waiting at most 10 s; fails the test when none comes. */
        public JsonNode next() {
            try {
                JsonNode event = events.poll(10, TimeUnit.SECONDS);
                if (event == null) {
                    throw new AssertionError("no watch event within 10 s");
                }
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            reader.interrupt();
            response.body().close();
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (userAgent != null) {
            builder.header("User-Agent", userAgent);
        }
        return builder;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String method, Object body, String contentType) {
        byte[] bytes = body instanceof String text ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8) : Json.bytes(body);
        return builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            JsonNode json = body.length == 0 ? null : parseOrText(body);
            return new Response(response.statusCode(), json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parseOrText(byte[] body) {
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException notJson) {
            return Json.mapper().getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
