package dev.orc.cli.e2e;

import dev.orc.cli.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code orc server} process names its Unix domain socket in the client config it writes, and the CLI on the
 * same machine sends its requests through it: a copy of that config whose CA file is gone still works, which over TLS
 * it cannot, while kubectl reads the same config and goes over TLS.
 */
class LocalSocketE2E {
    @TempDir
    static Path dir;
    private static E2ECluster cluster;

    @BeforeAll
    static void start() {
        cluster = E2ECluster.server(dir, "LocalSocketE2E");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theCliOnTheServersMachineGoesThroughTheSocketAndOverTlsWhenItIsSwitchedOff() throws IOException {
        Path config = Path.of(cluster.env().get("ORC_CONFIG"));
        Path socket = dir.resolve("server").resolve("api.sock").toAbsolutePath();
        assertThat(Files.readString(config)).contains("name: orc.dev/local-socket", "path: " + socket);
        String ca = Files.readAllLines(config).stream().filter(line -> line.strip().startsWith("certificate-authority:"))
                .findFirst().orElseThrow().strip().substring("certificate-authority:".length()).strip();
        Path withoutCa = Files.writeString(dir.resolve("config-without-ca"),
                Files.readString(config).replace(ca, dir.resolve("gone.crt").toString()));

        CommandResult throughSocket = OrcJar.run(dir.resolve("cli"), Map.of("ORC_CONFIG", withoutCa.toString()),
                Duration.ofSeconds(60), "get", "namespace", "default");
        CommandResult overTls = OrcJar.run(dir.resolve("cli"), Map.of("ORC_CONFIG", withoutCa.toString(),
                "ORC_LOCAL_SOCKET", "off"), Duration.ofSeconds(60), "get", "namespace", "default");

        assertThat(throughSocket.succeeded().out()).contains("default");
        assertThat(overTls.exitCode()).isNotZero();
        assertThat(overTls.err()).contains("cannot read CA certificate " + dir.resolve("gone.crt"));
        assertThat(cluster.orc("get", "namespace", "default").succeeded().out()).contains("default");
        Optional<Kubectl> kubectl = Kubectl.onPath(config, dir);
        if (kubectl.isPresent()) {
            Kubectl.Result result = kubectl.get().run("get", "namespace", "default");
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("default");
        }
    }
}
