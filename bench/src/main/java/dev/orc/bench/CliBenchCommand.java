package dev.orc.bench;

import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.LocalSocket;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code orc bench cli}: how long the everyday client commands take as a user runs them, beside kubectl's. */
@Command(name = "cli", mixinStandardHelpOptions = true,
        description = "Measure the client's start-up as a user meets it. The orc launcher starts orc server (TLS, "
                + "SQLite, a scratch directory; the user's ~/.orc/config is not touched) and --pods pods are created (no "
                + "node runs them). Then each command runs --runs times as a whole process after one warm-up run (the "
                + "first warm-up also records the launcher's AOT caches): orc version, orc get pods (through the server's "
                + "local socket, as the CLI on the server's machine sends it, and over TLS as from another machine), orc "
                + "apply -f of one ConfigMap, and kubectl get pods (TLS) against the same server when kubectl is on the "
                + "PATH. Prints each command's median, fastest and slowest wall time and the target (version 0.3 s, get "
                + "pods 0.5 s).")
final class CliBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "11", description = "timed runs of each command (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--pods", paramLabel = "N", defaultValue = "30", description = "pods for get pods to list (default ${DEFAULT-VALUE})")
    int pods;

    @Option(names = "--launcher", paramLabel = "FILE",
            description = "the orc launcher to time (default: the one that started this command)")
    Path launcher;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || pods < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1 and --pods at least 0");
        }
        Path orc = launcher();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("orc-bench-cli");
        try (CliServer server = CliServer.start(orc, dir)) {
            server.createPods(pods);
            Path manifest = Files.writeString(dir.resolve("configmap.yaml"),
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench\ndata:\n  greeting: hello\n");
            Map<String, String> env = Map.of(ClientConfig.ENV_CONFIG, server.config().toString());
            ProcessTimings.run(List.of(orc.toString(), "version", "--client"), Map.of("ORC_AOT", "wait"));
            ProcessTimings.run(List.of(orc.toString(), "get", "pods"), Map.of("ORC_AOT", "wait",
                    ClientConfig.ENV_CONFIG, server.config().toString()));
            out.printf("%d runs each after one warm-up; %d pods; wall seconds; the server's local socket: %s%n", runs, pods,
                    Optional.ofNullable(server.clientConfig().localSocket()).map(Path::toString).orElse("none"));
            out.printf("%-22s %8s %8s %8s %8s%n", "command", "median", "min", "max", "target");
            report(out, "orc version", ProcessTimings.measure(List.of(orc.toString(), "version", "--client"), env, 1, runs), "0.300");
            report(out, "orc get pods", ProcessTimings.measure(List.of(orc.toString(), "get", "pods"), env, 1, runs), "0.500");
            Map<String, String> overTls = Map.of(ClientConfig.ENV_CONFIG, server.config().toString(),
                    LocalSocket.ENV_SWITCH, "off");
            report(out, "orc get pods (TLS)", ProcessTimings.measure(List.of(orc.toString(), "get", "pods"), overTls, 1,
                    runs), "0.500");
            report(out, "orc apply -f (1 obj)", ProcessTimings.measure(
                    List.of(orc.toString(), "apply", "-f", manifest.toString()), env, 1, runs), "");
            Optional<Path> kubectl = onPath("kubectl");
            if (kubectl.isPresent()) {
                report(out, "kubectl get pods", ProcessTimings.measure(kubectlGetPods(kubectl.get(), server.clientConfig()),
                        Map.of(), 1, runs), "");
            } else {
                out.println("kubectl get pods: not measured, kubectl is not on the PATH");
            }
        } finally {
            LoopbackApi.deleteRecursively(dir);
        }
        return 0;
    }

    private Path launcher() {
        if (launcher != null) {
            return launcher;
        }
        String started = System.getProperty("orc.launcher");
        if (started == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--launcher is required when orc was not started by its launcher (the orc script)");
        }
        return Path.of(started);
    }

    private static List<String> kubectlGetPods(Path kubectl, ClientConfig config) {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--server", config.server().toString(),
                "--token", config.token(), "--certificate-authority", config.certificateAuthority().toString()));
        command.addAll(List.of("get", "pods"));
        return command;
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void report(PrintWriter out, String name, ProcessTimings timings, String target) {
        out.printf("%-22s %8s %8s %8s %8s%n", name, seconds(timings.median()), seconds(timings.min()),
                seconds(timings.max()), target);
        out.flush();
    }

    private static String seconds(Duration duration) {
        return String.format("%.3f", duration.toNanos() / 1e9);
    }
}
