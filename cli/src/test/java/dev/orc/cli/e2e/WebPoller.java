package dev.orc.cli.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the web pods as an endpoints-following load balancer would be: before each round it asks the API
 * for the pods that are serving (Ready, not being deleted) and sends one request to each one's published port on
 * 127.0.0.1. It counts the versions it was answered with and records every failed request.
 */
final class WebPoller implements AutoCloseable {
    private static final Pattern VERSION = Pattern.compile("orc web version (\\d+)");

    private final Supplier<List<PodView>> pods;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> lastVersion = new AtomicReference<>("");
    private final Thread thread;
    private volatile boolean running = true;

    private WebPoller(Supplier<List<PodView>> pods) {
        this.pods = pods;
        this.thread = Thread.ofPlatform().name("web-poller").daemon().unstarted(this::loop);
    }

    static WebPoller start(Supplier<List<PodView>> pods) {
        WebPoller poller = new WebPoller(pods);
        poller.thread.start();
        return poller;
    }

    private void loop() {
        while (running) {
            List<PodView> current;
            try {
                current = pods.get();
            } catch (RuntimeException e) {
                pace();
                continue;
            }
            for (PodView pod : current) {
                if (pod.serving() && running) {
                    request(pod);
                }
            }
            pace();
        }
    }

    private void request(PodView pod) {
        if (!"127.0.0.1".equals(pod.hostIP()) || pod.hostPort() == 0) {
            failures.add(pod + ": serving, but not published on 127.0.0.1");
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pod.hostPort() + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher version = VERSION.matcher(response.body());
            if (response.statusCode() != 200 || !version.find()) {
                failures.add(pod.name() + ": HTTP " + response.statusCode() + " " + response.body());
                return;
            }
            answers.computeIfAbsent(version.group(1), v -> new AtomicInteger()).incrementAndGet();
            lastVersion.set(version.group(1));
        } catch (IOException e) {
            failures.add(pod.name() + " at 127.0.0.1:" + pod.hostPort() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** About twenty rounds a second: enough to catch a gap, little enough to leave the two cores to orc. */
    private void pace() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** How many answers named each version ("1", "2"). */
    Map<String, Integer> answers() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        answers.forEach((version, count) -> counts.put(version, count.get()));
        return counts;
    }

    String lastVersion() {
        return lastVersion.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(20));
    }
}
