package dev.orc.cli;

import dev.orc.cli.server.ServerOptions;
import dev.orc.cli.server.ServerRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The "done when": a server as {@code orc up} starts it, then the CLI with nothing but ~/.orc/config. */
class UpThenClientTest {
    private static final Path EXAMPLES = Path.of("../examples");

    @TempDir
    Path dir;

    private CommandRun orc(String... args) {
        return CommandRun.inHome(dir.resolve("home"), args);
    }

    private ServerRunner up() throws InterruptedException {
        return ServerRunner.start(new ServerOptions(null, "127.0.0.1:0", dir.resolve("data"), false,
                dir.resolve("home/.orc/config")));
    }

    @Test
    void examplesApplyListDiffAndSurviveARestart() throws IOException, InterruptedException {
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        for (Path file : dev.orc.api.manifest.ManifestLoader.manifestFiles(EXAMPLES, true)) {
            Files.copy(file, manifests.resolve(file.getFileName()));
        }
        try (ServerRunner ignored = up()) {
            CommandRun applied = orc("apply", "-f", manifests.toString());
            assertThat(applied.exitCode()).as(applied.err()).isZero();
            assertThat(applied.out()).contains("deployment.apps/web created\n", "configmap/web-config created\n",
                    "job.batch/hello created\n");
            assertThat(orc("apply", "-f", manifests.toString()).out()).doesNotContain("created", "configured");

            CommandRun all = orc("get", "all");
            assertThat(all.exitCode()).as(all.err()).isZero();
            assertThat(all.out()).contains("deployment.apps/web", "job.batch/hello");

            Path web = manifests.resolve("web.yaml");
            Files.writeString(web, Files.readString(web).replace("replicas: 2", "replicas: 4"));
            CommandRun diff = orc("diff", "-f", web.toString());
            assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
            assertThat(diff.out()).contains("-  replicas: 2\n+  replicas: 4\n");
        }
        try (ServerRunner ignored = up()) {
            assertThat(orc("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("2");
        }
    }
}
