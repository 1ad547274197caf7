package dev.orc.api.client;

import dev.orc.api.status.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A streaming response read line by line on a thread of its own (a watch, a followed log). Each line goes to
 * {@code onLine}, which returns null to go on or the failure that ends the stream; {@code onEnd} is called
 * exactly once, with null for a normal end or a {@link #close()}. A stream given an idle timeout (a watch that asked
 * for bookmarks, which the server sends at least every few seconds) ends with a failure when nothing arrives for
 * that long: a connection that died silently (a host gone, a partition) is noticed instead of waited on for ever.
 */
final class LineStream implements WatchHandle {
    /** Longest accepted line: a watch event carries one object, and objects are limited well below this. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean idled = new AtomicBoolean();
    private final AtomicReference<InputStream> body = new AtomicReference<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Duration idleTimeout;
    private volatile long lastHeard = System.nanoTime();
    private volatile Thread reader;

    private LineStream(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    static LineStream start(HttpClient http, HttpRequest request, String target,
                            Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        return start(http, request, target, onLine, onEnd, null);
    }

    /** As {@link #start(HttpClient, HttpRequest, String, Function, Consumer)}, ending when silent for {@code idleTimeout}. */
    static LineStream start(HttpClient http, HttpRequest request, String target,
                            Function<String, ApiException> onLine, Consumer<ApiException> onEnd, Duration idleTimeout) {
        LineStream stream = new LineStream(idleTimeout);
        stream.reader = Thread.ofVirtual().name("orc-stream " + request.uri().getPath())
                .start(() -> stream.run(http, request, target, onLine, onEnd));
        if (idleTimeout != null) {
            Thread.ofVirtual().name("orc-stream-watchdog " + request.uri().getPath()).start(stream::watchForSilence);
        }
        return stream;
    }

    /** Ends the stream when nothing has arrived for the idle timeout; returns when the stream ends. */
    private void watchForSilence() {
        try {
            while (!ended.await(Math.max(1, idleTimeout.toMillis() / 4), TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - lastHeard > idleTimeout.toNanos() && idled.compareAndSet(false, true)) {
                    closeBody();
                    Thread thread = reader;
                    if (thread != null) {
                        thread.interrupt();
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(HttpClient http, HttpRequest request, String target, Function<String, ApiException> onLine,
                     Consumer<ApiException> onEnd) {
        ApiException failure = null;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body.set(response.body());
            if (closed.get()) {
                response.body().close();
                return;
            }
            if (response.statusCode() / 100 != 2) {
                try (InputStream in = response.body()) {
                    failure = ApiException.fromResponse(response.statusCode(), in.readNBytes(1024 * 1024));
                }
                return;
            }
            failure = readLines(response.body(), onLine);
        } catch (IOException e) {
            if (!closed.get()) {
                failure = idled.get() ? silent(target) : ApiException.unreachable("lost the connection to " + target
                        + ": " + describe(e), e);
            }
        } catch (InterruptedException e) {
            if (idled.get() && !closed.get()) {
                failure = silent(target);
            } else {
                Thread.currentThread().interrupt();
            }
        } catch (RuntimeException e) {
            failure = ApiException.unreachable("the stream from " + target + " failed: " + e.getMessage(), e);
        } finally {
            try {
                onEnd.accept(closed.get() ? null : failure);
            } finally {
                ended.countDown();
            }
        }
    }

    private ApiException readLines(InputStream in, Function<String, ApiException> onLine) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (!closed.get() && (line = reader.readLine()) != null) {
                lastHeard = System.nanoTime();
                if (line.length() > MAX_LINE_CHARS) {
                    return ApiException.unreachable("a streamed line was longer than " + MAX_LINE_CHARS + " characters", null);
                }
                if (line.isBlank()) {
                    continue;
                }
                ApiException failure = onLine.apply(line);
                if (failure != null) {
                    return failure;
                }
            }
        }
        return null;
    }

    private ApiException silent(String target) {
        return ApiException.unreachable("nothing came from " + target + " for " + idleTimeout.toSeconds()
                + "s although it should send a bookmark every few seconds; the connection is presumed dead", null);
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeBody();
            Thread thread = reader;
            if (thread != null && thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    private void closeBody() {
        InputStream in = body.get();
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is best effort: the reader thread ends on the interrupt that follows either way
            }
        }
    }

    @Override
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
