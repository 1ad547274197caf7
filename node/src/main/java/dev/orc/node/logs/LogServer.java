package dev.orc.node.logs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.LogFollow;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The agent's log endpoint, which the server's {@code pods/{name}/log} proxies to:
 * {@code GET /containerLogs/{namespace}/{pod}[/{container}]?follow&previous&timestamps&tailLines&sinceSeconds},
 * with the server's signature of the request ({@link ServerRequests}), over TLS with the node's certificate. Answers
 * plain text, streamed as lines arrive.
 */
public final class LogServer implements AutoCloseable {

    private static final String PREFIX = "/containerLogs/";
    private static final Duration FOLLOW_POLL = Duration.ofSeconds(1);

    private final HttpServer server;
    private final ContainerLogs logs;
    private final ServerRequests access;

    private LogServer(HttpServer server, ContainerLogs logs, ServerRequests access) {
        this.server = server;
        this.logs = logs;
        this.access = access;
    }

    /** Listens over TLS ({@code tls}: the node's serving identity) on all addresses at the port (0: a free one). */
    public static LogServer start(int port, ContainerLogs logs, ServerRequests access, SSLContext tls) {
        try {
            HttpsServer http = HttpsServer.create(new InetSocketAddress(port), 0);
            http.setHttpsConfigurator(new HttpsConfigurator(tls));
            LogServer server = new LogServer(http, logs, access);
            http.createContext(PREFIX, server::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for log requests on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** What a JSON endpoint answers: any value the API's JSON mapper can write. */
    @FunctionalInterface
    public interface JsonBody {
        Object get() throws Exception;
    }

    /**
     * Serves {@code GET path} as JSON behind the same check as the logs (e.g. {@code /stats/summary}).
     * A failure answers 500 with its message.
     */
    public void serveJson(String path, JsonBody body) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    reply(exchange, 405, "only GET is supported");
                    return;
                }
                if (!authorized(exchange)) {
                    reply(exchange, 401, "only the API server may call this endpoint");
                    return;
                }
                byte[] json;
                try {
                    json = dev.orc.api.json.Json.bytes(body.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reply(exchange, 503, "interrupted");
                    return;
                } catch (Exception e) {
                    reply(exchange, 500, String.valueOf(e.getMessage()));
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                exchange.getResponseBody().write(json);
            }
        });
    }

    private boolean authorized(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        return access.permits(exchange.getRequestHeaders().getFirst("Authorization"), pathAndQuery);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "only GET is supported");
                return;
            }
            if (!authorized(exchange)) {
                reply(exchange, 401, "only the API server may call this endpoint");
                return;
            }
            String[] parts = exchange.getRequestURI().getRawPath().substring(PREFIX.length()).split("/");
            if (parts.length < 2 || parts.length > 3) {
                reply(exchange, 404, "expected /containerLogs/{namespace}/{pod}/{container}");
                return;
            }
            LogRequest request;
            try {
                request = LogRequest.parse(decode(parts[0]), decode(parts[1]),
                        parts.length == 3 ? Optional.of(decode(parts[2])) : Optional.empty(),
                        query(exchange.getRequestURI().getRawQuery()));
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, e.getMessage());
                return;
            }
            stream(exchange, request);
        }
    }

    private void stream(HttpExchange exchange, LogRequest request) throws IOException {
        OutputStream body = exchange.getResponseBody();
        Object lock = new Object();
        boolean[] broken = {false};
        LogFollow follow;
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            follow = logs.open(request, line -> {
                synchronized (lock) {
                    if (broken[0]) {
                        return;
                    }
                    try {
                        if (!headersSent(exchange)) {
                            exchange.sendResponseHeaders(200, 0);
                        }
                        body.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        body.flush();
                    } catch (IOException e) {
                        broken[0] = true;
                    }
                }
            });
        } catch (NoSuchElementException e) {
            reply(exchange, 404, e.getMessage());
            return;
        }
        try (follow) {
            boolean done = false;
            while (!done) {
                done = follow.await(FOLLOW_POLL);
                synchronized (lock) {
                    done |= broken[0];
                }
            }
        } catch (ContainerRuntimeException e) {
            synchronized (lock) {
                if (!headersSent(exchange)) {
                    reply(exchange, 500, e.getMessage());
                    return;
                }
            }
        }
        synchronized (lock) {
            if (!headersSent(exchange)) {
                exchange.sendResponseHeaders(200, -1);
            }
        }
    }

    private static boolean headersSent(HttpExchange exchange) {
        return exchange.getResponseCode() != -1;
    }

    private static void reply(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
