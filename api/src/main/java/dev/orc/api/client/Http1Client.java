package dev.orc.api.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * Requests over {@link Http1Connection}s, safe to share between threads: each request takes an idle connection to
 * its server, or opens one, and gives it back when the answer was read whole. An idle connection is kept for
 * {@link #MAX_IDLE} at most, well within any server's idle timeout. A GET that fails on a kept connection is sent
 * once more on a new one (the server may have closed it just then); a write is only sent on a kept connection
 * the server has visibly not closed, and never twice. Requests for a server on this machine go through its
 * {@link LocalSocket} when it has one.
 */
final class Http1Client {
    static final Duration MAX_IDLE = Duration.ofSeconds(2);
    static final int MAX_IDLE_PER_SERVER = 8;

    private final Supplier<SSLContext> tls;
    private final Duration connectTimeout;
    private final LocalSocket local;
    private volatile boolean localUnusable;
    private final Map<String, Deque<Http1Connection>> idle = new ConcurrentHashMap<>();

    /**
     * A client trusting the certificates of the context {@code tls} gives when the first TLS connection is made (the
     * JDK's default ones when it gives null), sending requests for {@code local}'s server through its socket while
     * it is {@link LocalSocket#trustworthy} and answers (no local socket: null).
     */
    Http1Client(Supplier<SSLContext> tls, Duration connectTimeout, LocalSocket local) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.local = local;
    }

    /** A client trusting {@code tls}'s certificates, or the JDK's default ones when null. */
    Http1Client(SSLContext tls, Duration connectTimeout) {
        this(() -> tls, connectTimeout, null);
    }

    /**
     * Sends {@code method} to {@code base + pathAndQuery} with {@code headers} (and {@code Content-Length} for a
     * body) and reads the answer; the whole exchange is bounded by {@code timeout}. Throws
     * {@link Http1Connection.ConnectTimeout} or another {@link java.net.ConnectException} when no connection could
     * be made, {@link SocketTimeoutException} when the answer did not come in time.
     */
    Http1Response send(String base, String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                       Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI target = URI.create(base + pathAndQuery);
        String origin = target.getScheme() + "://" + target.getRawAuthority();
        String requestTarget = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        Http1Connection kept = takeIdle(origin, "GET".equals(method));
        if (kept != null) {
            try {
                return answered(origin, kept, kept.exchange(method, requestTarget, headers, body, deadline));
            } catch (IOException e) {
                kept.close();
                if (!"GET".equals(method) || e instanceof SocketTimeoutException || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        }
        Duration connectWithin = Duration.ofNanos(Math.max(1_000_000, Math.min(connectTimeout.toNanos(),
                deadline - System.nanoTime())));
        Http1Connection fresh = open(origin, connectWithin);
        try {
            return answered(origin, fresh, fresh.exchange(method, requestTarget, headers, body, deadline));
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    /** A new connection to {@code origin}: through the local socket when it serves it, else over TCP (and TLS). */
    private Http1Connection open(String origin, Duration within) throws IOException {
        if (local != null && !localUnusable && local.serves(origin)) {
            if (local.trustworthy()) {
                try {
                    return Http1Connection.openLocal(local.path(), URI.create(origin), within);
                } catch (IOException notServed) {
                    localUnusable = true;
                }
            } else {
                localUnusable = true;
            }
        }
        return Http1Connection.open(URI.create(origin), socketFactory(), within);
    }

    private SSLSocketFactory socketFactory() throws IOException {
        try {
            SSLContext context = tls.get();
            return (context != null ? context : SSLContext.getDefault()).getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("this JDK offers no TLS: " + e.getMessage(), e);
        }
    }

    /** An idle connection to {@code origin} fit for one more request, or null. */
    private Http1Connection takeIdle(String origin, boolean retriable) {
        Deque<Http1Connection> connections = idle.get(origin);
        if (connections == null) {
            return null;
        }
        Http1Connection connection;
        while ((connection = connections.pollFirst()) != null) {
            if (connection.idleNanos() < MAX_IDLE.toNanos() && (retriable || connection.stillOpen())) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private Http1Response answered(String origin, Http1Connection connection, Http1Response response) {
        Deque<Http1Connection> connections = idle.computeIfAbsent(origin, key -> new ConcurrentLinkedDeque<>());
        if (connection.reusable() && connections.size() < MAX_IDLE_PER_SERVER) {
            connections.offerFirst(connection);
        } else {
            connection.close();
        }
        return response;
    }
}
