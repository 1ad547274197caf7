package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A WebDriver BiDi connection (the W3C protocol Firefox serves on its remote debugging port) over the JDK's WebSocket:
 * each command carries an id and is answered within a bound or fails naming the command; events go to the one
 * handler registered for their method.
 */
final class BiDi implements AutoCloseable {
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> handlers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile WebSocket socket;
    private volatile String lost;

    private record Pending(String method, CompletableFuture<JsonNode> answer) {
    }

    private BiDi() {
    }

    /** Opens the WebSocket at {@code uri} (the browser's {@code ws://host:port/session}). */
    static BiDi connect(HttpClient http, URI uri) {
        BiDi bidi = new BiDi();
        try {
            bidi.socket = http.newWebSocketBuilder().connectTimeout(ANSWER).buildAsync(uri, bidi.new Reader())
                    .get(ANSWER.toSeconds(), TimeUnit.SECONDS);
            return bidi;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("WebDriver BiDi: cannot connect to " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted connecting to " + uri, e);
        }
    }

    /** Sends {@code method} with {@code params} and answers the command's result, waiting at most 30 seconds. */
    JsonNode send(String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        Pending call = new Pending(method, new CompletableFuture<>());
        pending.put(id, call);
        try {
            if (lost != null) {
                throw new IllegalStateException("WebDriver BiDi " + method + ": the connection is gone: " + lost);
            }
            ObjectNode command = Json.object().put("id", id).put("method", method);
            command.set("params", params);
            synchronized (this) {
                socket.sendText(Json.write(command), true).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
            }
            return call.answer().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("WebDriver BiDi " + method + ": no answer within " + ANSWER.toSeconds()
                    + " s", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("WebDriver BiDi " + method + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for WebDriver BiDi " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Calls {@code handler} with the params of every {@code event} (say {@code log.entryAdded}) from now on. */
    void on(String event, Consumer<JsonNode> handler) {
        handlers.put(event, handler);
    }

    @Override
    public void close() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }

    private void dispatch(JsonNode message) {
        switch (message.path("type").asText()) {
            case "success" -> answer(message).ifPresent(call -> call.answer().complete(message.path("result")));
            case "error" -> answer(message).ifPresent(call -> call.answer().completeExceptionally(
                    new IllegalStateException("WebDriver BiDi " + call.method() + ": " + message.path("error").asText()
                            + ": " + message.path("message").asText())));
            case "event" -> {
                Consumer<JsonNode> handler = handlers.get(message.path("method").asText());
                if (handler != null) {
                    handler.accept(message.path("params"));
                }
            }
            default -> lose("an unknown message " + message);
        }
    }

    private Optional<Pending> answer(JsonNode message) {
        return Optional.ofNullable(pending.get(message.path("id").asLong()));
    }

    private void lose(String reason) {
        lost = reason;
        pending.values().forEach(call -> call.answer().completeExceptionally(
                new IllegalStateException("WebDriver BiDi " + call.method() + ": the connection is gone: " + reason)));
    }

    /** Joins the parts of each text message, then hands it on; a closed or failed socket fails what is pending. */
    private final class Reader implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                dispatch(Json.parse(message));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lose("closed by the browser (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lose(error.toString());
        }
    }
}
