package dev.orc.bench;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.cli.Orc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
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
 * {@code orc up} or {@code orc server} in a child process, started with this JVM's own options (so
 * {@code ./orc bench idle} measures the server as the launcher runs it), plain HTTP on a loopback port, state and
 * client configuration in a directory of the benchmark.
 * Its CPU time, resident set and live heap are read from outside: the process table, {@code /metrics}, and
 * {@code jcmd PID GC.run} for a full collection.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String verb;
    private final String url;
    private final Path log;
    private final Path clientConfig;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerProcess(Process process, String verb, String url, Path log, Path clientConfig) {
        this.process = process;
        this.verb = verb;
        this.url = url;
        this.log = log;
        this.clientConfig = clientConfig;
    }

    /** Starts {@code orc up} on {@code dir} with {@code upArgs} added, and waits (bounded) until its API answers. */
    static ServerProcess start(Path dir, List<String> upArgs) throws InterruptedException {
        return launch(dir, "up", freePort(), upArgs, false);
    }

    /**
     * Starts {@code orc up} on {@code dir} with {@code upArgs} added, serving TLS with its own certificate and tokens
     * (as {@code orc up} runs for a user, and so that a browser speaks HTTP/2 to it), and waits (bounded) until its
     * API answers the client configuration it wrote.
     */
    static ServerProcess startTls(Path dir, List<String> upArgs) throws InterruptedException {
        return launch(dir, "up", freePort(), upArgs, true);
    }

    /**
     * Starts {@code orc server} on {@code dir} and {@code port} with {@code args} added (appending to its log, so a
     * restart on the same directory keeps the earlier output), and waits (bounded) until its API answers.
     */
    static ServerProcess server(Path dir, int port, List<String> args) throws InterruptedException {
        return launch(dir, "server", port, args, false);
    }

    private static ServerProcess launch(Path dir, String verb, int port, List<String> args, boolean tls)
            throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> !arg.startsWith("-agentlib:") && !arg.startsWith("-javaagent:")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Orc.class.getName(), verb,
                "--data-dir", dir.resolve("data").toString(), "--listen", "127.0.0.1:" + port));
        if (!tls) {
            command.add("--insecure-localhost");
        }
        command.addAll(args);
        Path log = dir.resolve("server.log");
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put(ClientConfig.ENV_CONFIG, dir.resolve("config").toString());
            Process process = builder.start();
            ServerProcess server = new ServerProcess(process, verb, (tls ? "https" : "http") + "://127.0.0.1:" + port, log,
                    tls ? dir.resolve("config") : null);
            server.awaitUp();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start orc " + verb + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    String url() {
        return url;
    }

    /** A client of the server: with the token and certificate authority it wrote when it serves TLS. */
    ApiClient client() {
        if (clientConfig != null) {
            return ApiClient.connect(ClientConfig.read(clientConfig).withServer(url));
        }
        return ApiClient.connect(new ClientConfig(URI.create(url), null, null, ClientConfig.DEFAULT_NAMESPACE));
    }

    /** The CPU time the server has used so far, user and system. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not report the CPU time of process " + pid()));
    }

    /** The server's metrics now. */
    ServerMetrics metrics() throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /metrics answered " + answer.statusCode() + ": " + answer.body());
            }
            return ServerMetrics.parse(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's /metrics: " + e.getMessage(), e);
        }
    }

    /** Has the server run a full garbage collection, as {@code jcmd PID GC.run} asks. */
    void fullGc() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run").redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes());
            if (!run.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid() + " GC.run failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd + " (the JDK's jcmd): " + e.getMessage(), e);
        }
    }

    private void awaitUp() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("orc " + verb + " exited with " + process.exitValue() + ": " + tail());
            }
            if (ready()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("orc " + verb + " did not answer within " + START_TIMEOUT.toSeconds() + " s: "
                        + tail());
            }
            Thread.sleep(200);
        }
    }

    private boolean ready() throws InterruptedException {
        if (clientConfig != null) {
            try {
                return Files.exists(clientConfig) && client().version() != null;
            } catch (RuntimeException notYet) {
                return false;
            }
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/readyz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Everything the server has printed so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, not waiting for the server to exit ({@link #close()} waits). */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: the server gets no chance to resign or clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The end of the server's output, for an error message. */
    String tail() {
        return tail(log);
    }

    /** The last lines of a server's {@code log}, for an error message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops the server as Ctrl-C does, then forcibly if it does not end in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
