package dev.orc.cli;

import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionErrorsTest {
    @TempDir
    Path dir;
    TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aServerSignedByAnotherCaIsRefusedWithAReadableMessage() throws IOException {
        Path otherCa = dir.resolve("other-ca.pem");
        Files.writeString(otherCa, CertificateAuthority.pem(CertificateAuthority.create("other", Instant.now()).certificate()));
        CommandRun run = cluster.orc("get", "pods", "--certificate-authority", otherCa.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: cannot verify the TLS certificate of the orc server at " + cluster.url()
                + ": it is not signed by the configured certificate authority (" + otherCa + ")\n");
    }

    @Test
    void withoutAnyConfigurationTheCommandSaysHowToConfigureIt() {
        StringWriter err = new StringWriter();
        var cmd = Orc.commandLine(new Environment(Map.of(), dir.resolve("empty-home"), new ByteArrayInputStream(new byte[0]),
                Clock.systemUTC()));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("get", "pods")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: no orc server configured: pass --server URL, set ORC_SERVER, "
                + "or run orc up (it writes ~/.orc/config)\n");
    }

    @Test
    void envOrcServerOverridesTheConfigFile() {
        StringWriter err = new StringWriter();
        var cmd = Orc.commandLine(new Environment(Map.of("ORC_SERVER", "http://127.0.0.1:1"), dir.resolve("empty-home"),
                new ByteArrayInputStream(new byte[0]), Clock.systemUTC()));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("get", "pods")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: cannot reach the orc server at http://127.0.0.1:1: connection refused\n");
    }
}
