package dev.orc.bench;

import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code orc server} started by the launcher as a user starts it (TLS, a token, SQLite), on a free loopback port, with
 * its state and its client configuration in a directory of the benchmark, never the user's.
 */
final class CliServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Path config;
    private final Path log;

    private CliServer(Process process, Path config, Path log) {
        this.process = process;
        this.config = config;
        this.log = log;
    }

    /** Starts the server and waits (bounded) until it answers through the client configuration it wrote. */
    static CliServer start(Path launcher, Path dir) throws InterruptedException {
        Path config = dir.resolve("config");
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "server", "--data-dir", dir.resolve("data").toString(),
                "--listen", "127.0.0.1:" + ServerProcess.freePort())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put(ClientConfig.ENV_CONFIG, config.toString());
        try {
            CliServer server = new CliServer(builder.start(), config, log);
            server.awaitUp();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + launcher + " server: " + e.getMessage(), e);
        }
    }

    /** The client configuration the server wrote: server address, admin token and CA. */
    Path config() {
        return config;
    }

    ClientConfig clientConfig() {
        return ClientConfig.read(config);
    }

    /** Creates {@code count} pods named {@code bench-N} in namespace default (no node runs them: they stay Pending). */
    void createPods(int count) {
        ApiClient client = ApiClient.connect(clientConfig());
        for (int i = 0; i < count; i++) {
            var pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
            pod.putObject("metadata").put("name", "bench-" + i);
            pod.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", "orc/busybox:1");
            client.create(ResourceTypes.POD, "default", pod, dev.orc.api.client.WriteOptions.defaults());
        }
    }

    private void awaitUp() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("orc server exited with " + process.exitValue() + ": " + ServerProcess.tail(log));
            }
            if (Files.exists(config)) {
                try {
                    ApiClient.connect(clientConfig()).list(ResourceTypes.NAMESPACE, null, ListOptions.all());
                    return;
                } catch (ApiException | UncheckedIOException | IllegalArgumentException notYet) {
                    // written but not serving yet, or written halfway
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("orc server did not answer within " + START_TIMEOUT.toSeconds() + " s: " + ServerProcess.tail(log));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
