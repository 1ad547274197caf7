package dev.orc.cli;

import dev.orc.reconciler.gitops.GitOpsPolicy;
import dev.orc.api.client.ApiClient;
import dev.orc.cli.server.ServerOptions;
import dev.orc.cli.server.ServerRunner;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A whole orc server in-process (API server, controllers and scheduler, no node) on a free loopback port over
 * SQLite in a temporary directory, serving plain HTTP without tokens; {@link #orc} runs the real command against it.
 */
final class LiveCluster implements AutoCloseable {
    private final Path dir;
    private final ServerRunner runner;

    LiveCluster(Path dir) throws InterruptedException {
        this.dir = dir;
        this.runner = ServerRunner.start(new ServerOptions(null, "127.0.0.1:0", dir.resolve("data"), true,
                dir.resolve("client-config")).withGitOps(GitOpsPolicy.standard().withFileUrls()));
    }

    ApiClient client() {
        return runner.client();
    }

    CommandRun orc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(Map.of("ORC_CONFIG", runner.clientConfig().toString()), dir,
                new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
        var cmd = Orc.commandLine(environment);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    @Override
    public void close() {
        runner.close();
    }
}
