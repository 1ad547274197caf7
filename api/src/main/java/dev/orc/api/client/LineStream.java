package dev.orc.api.client;

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
 * exactly once, with null for a normal end or a {@link #close()}.
 */
final class LineStream implements WatchHandle {
    /** Longest accepted line: a watch event carries one object, and objects are limited well below this. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<InputStream> body = new AtomicReference<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Thread reader;

    private LineStream() {
    }

    static LineStream start(HttpClient http, HttpRequest request, String target,
                            Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        LineStream stream = new LineStream();
        stream.reader = Thread.ofVirtual().name("orc-stream " + request.uri().getPath())
                .start(() -> stream.run(http, request, target, onLine, onEnd));
        return stream;
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
                failure = ApiException.unreachable("lost the connection to " + target + ": " + describe(e), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            InputStream in = body.get();
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is best effort: the reader thread ends on the interrupt below either way
                }
            }
            Thread thread = reader;
            if (thread != null && thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    @Override
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
