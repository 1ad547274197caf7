package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.StoreException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An etcd run as a child process on free loopback ports, for tests and benchmarks: a single member
 * ({@link #start}), or one member of a {@link LocalEtcdCluster}. It accepts 2 MiB requests so values of the
 * store's maximum size fit, and serves TLS when given a certificate for 127.0.0.1.
 */
public final class LocalEtcd implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    static final int START_ATTEMPTS = 3;

    private final Path binary;
    private final String name;
    private final Path dataDir;
    private final LocalEtcdTls tls;
    private int clientPort;
    private int peerPort;
    private int metricsPort;
    private String initialCluster;
    private Process process;

    private LocalEtcd(Path binary, String name, Path dataDir, LocalEtcdTls tls) {
        this.binary = binary;
        this.name = name;
        this.dataDir = dataDir;
        this.tls = tls;
    }

    /** A member of a cluster, not started: {@link LocalEtcdCluster} chooses its ports, joins it and starts it. */
    static LocalEtcd member(String name, Path dataDir) {
        return new LocalEtcd(requireBinary(), name, dataDir, null);
    }

    /** This member's entry of etcd's {@code --initial-cluster}. */
    String peerEntry() {
        return name + "=" + peer();
    }

    void joinCluster(String initialCluster) {
        this.initialCluster = initialCluster;
    }

    /** The etcd binary: {@code $ORC_ETCD}, else {@code /usr/bin/etcd}, else {@code etcd} on the PATH; null when none. */
    public static Path findBinary() {
        String configured = System.getenv("ORC_ETCD");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
        }
        Path debian = Path.of("/usr/bin/etcd");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
                return Path.of(dir, "etcd");
            }
        }
        return null;
    }

    /** Starts etcd with its data in {@code dataDir} and waits (bounded) until it is healthy. */
    public static LocalEtcd start(Path dataDir) {
        return start(dataDir, null);
    }

    /** As {@link #start(Path)}, serving clients over TLS when {@code tls} is not null. */
    public static LocalEtcd start(Path dataDir, LocalEtcdTls tls) {
        LocalEtcd etcd = new LocalEtcd(requireBinary(), "orc-local", dataDir, tls);
        StoreException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                etcd.choosePorts();
                etcd.joinCluster(etcd.peerEntry());
                etcd.launch();
                return etcd;
            } catch (StoreException e) {
                last = e;
                etcd.stop();
            }
        }
        throw last;
    }

    private static Path requireBinary() {
        Path binary = findBinary();
        if (binary == null) {
            throw new StoreException("etcd is not installed (looked at $ORC_ETCD, /usr/bin/etcd and the PATH);"
                    + " on Debian: apt-get install etcd-server");
        }
        return binary;
    }

    /** Chooses free loopback ports; another process may take one before etcd binds it, so starts are retried. */
    void choosePorts() {
        clientPort = freePort();
        peerPort = freePort();
        metricsPort = freePort();
    }

    private String peer() {
        return "http://127.0.0.1:" + peerPort;
    }

    public String endpoint() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
    }

    /** Stops etcd and starts it again on the same ports with the same data. */
    public void restart() {
        stop();
        launch();
    }

    /** Starts a stopped etcd again on the same ports with the same data (a cluster member waits for its quorum). */
    public void resume() {
        if (process == null) {
            launch();
        }
    }

    private void launch() {
        spawn();
        awaitHealthy();
    }

    /** Starts the process without waiting: a cluster's members become healthy only together. */
    void spawn() {
        String client = endpoint();
        String peer = peer();
        try {
            Files.createDirectories(dataDir);
            List<String> command = new ArrayList<>(List.of(binary.toString(),
                    "--name", name,
                    "--data-dir", dataDir.resolve("member-data").toString(),
                    "--listen-client-urls", client, "--advertise-client-urls", client,
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", initialCluster, "--initial-cluster-token", "orc-local",
                    "--listen-metrics-urls", metrics(),
                    "--max-request-bytes", "2097152",
                    "--experimental-watch-progress-notify-interval", "2s",
                    "--logger", "zap", "--log-outputs", "stderr"));
            if (tls != null) {
                command.addAll(List.of("--cert-file", tls.certFile().toString(), "--key-file", tls.keyFile().toString()));
                if (tls.clientCertAuth()) {
                    command.addAll(List.of("--client-cert-auth", "--trusted-ca-file", tls.caFile().toString()));
                }
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new StoreException("cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    /** Where etcd serves {@code /health} and its Prometheus {@code /metrics}. */
    public String metricsUrl() {
        return metrics();
    }

    /** Plain HTTP whatever the client URLs serve, so the health check needs no client certificate. */
    private String metrics() {
        return "http://127.0.0.1:" + metricsPort;
    }

    /** Waits (bounded) until this member is healthy: started, and part of a cluster with a leader. */
    void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(metrics() + "/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StoreException("etcd exited with code " + process.exitValue() + " while starting; see "
                        + dataDir.resolve("etcd.log"));
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("true")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for etcd to start", e);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for etcd to start", e);
            }
        }
        throw new StoreException("etcd did not become healthy at " + endpoint() + " within " + READY_TIMEOUT.toSeconds()
                + "s; see " + dataDir.resolve("etcd.log"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StoreException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** Stops etcd gracefully (SIGTERM), forcibly after 10 s. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
