package dev.orc.cli.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of one service address, as any client of a Service is: it sends one request after another to the
 * same {@code host:port}, each on a new connection, counts the versions its answers name and records every
 * failed request.
 */
final class ServicePoller implements AutoCloseable {
    private static final Pattern ANSWER = Pattern.compile("^(\\S+) version (\\S+)$");

    private final String host;
    private final int port;
    private final Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pods = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> lastVersion = new AtomicReference<>("");
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private ServicePoller(String host, int port) {
        this.host = host;
        this.port = port;
        this.thread = Thread.ofPlatform().name("service-poller").daemon().unstarted(this::loop);
    }

    static ServicePoller start(String host, int port) {
        ServicePoller poller = new ServicePoller(host, port);
        poller.thread.start();
        return poller;
    }

    private void loop() {
        while (running) {
            request();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void request() {
        requests.incrementAndGet();
        try {
            String body = RawHttp.body(host, port, "/").strip();
            Matcher answer = ANSWER.matcher(body);
            if (!answer.matches()) {
                failures.add("unexpected answer: " + body);
                return;
            }
            pods.computeIfAbsent(answer.group(1), p -> new AtomicInteger()).incrementAndGet();
            versions.computeIfAbsent(answer.group(2), v -> new AtomicInteger()).incrementAndGet();
            lastVersion.set(answer.group(2));
        } catch (IOException e) {
            failures.add(host + ":" + port + ": " + e);
        }
    }

    /** How many answers named each version. */
    Map<String, Integer> versions() {
        return counts(versions);
    }

    /** How many answers came from each pod. */
    Map<String, Integer> pods() {
        return counts(pods);
    }

    String lastVersion() {
        return lastVersion.get();
    }

    int requests() {
        return requests.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> counters) {
        Map<String, Integer> counts = new TreeMap<>();
        counters.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(java.time.Duration.ofSeconds(20));
    }
}
