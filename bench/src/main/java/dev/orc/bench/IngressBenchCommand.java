package dev.orc.bench;

import dev.orc.bench.ingress.IngressBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc bench ingress}: orc's ingress beside a direct connection and nginx as a reverse proxy. */
@Command(name = "ingress", mixinStandardHelpOptions = true,
        description = "Measure orc's ingress against the same local backend reached directly and through Debian's"
                + " nginx configured by the bench as a reverse proxy for the same route (apt-get install -y nginx;"
                + " without it nginx is left out): keep-alive requests/s and p50/p99 latency with 1 and 64"
                + " connections, in the clear and over TLS, each proxy's CPU per request, and orc's figures over nginx's"
                + " against issue 18's targets."
                + " orc's ingress runs in a JVM of its own with the launcher's options (a node agent's), nginx in its own"
                + " processes. Everything listens on 127.0.0.1.")
final class IngressBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5",
            description = "measured seconds per target in each round (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warm-up", defaultValue = "15",
            description = "unmeasured seconds before each target's first round of a load (at most 2 s before its"
                    + " later rounds), so that the ingress's JVM, started by the bench, is as warm as a long-running one"
                    + " (default ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--rounds", defaultValue = "3",
            description = "rounds of each load, every target in turn, the order reversed each round; orc's figures over"
                    + " nginx's are the rounds' median (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--connections", split = ",", defaultValue = "1,64",
            description = "keep-alive connection counts to run (default ${DEFAULT-VALUE})")
    List<Integer> connections;

    @Option(names = "--access-log", defaultValue = "on", paramLabel = "on|off",
            description = "both proxies log each request, as both do by default (on), or neither does (default ${DEFAULT-VALUE})")
    String accessLog;

    @Option(names = "--ingress-jvm-option", paramLabel = "OPTION",
            description = "a JVM option for orc's ingress process, after the launcher's (repeatable; e.g. -XX:+UseZGC)")
    List<String> ingressJvmOptions = List.of();

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || warmUp < 0 || rounds < 1 || connections.stream().anyMatch(c -> c < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--seconds must be at least 1, --warm-up at least 0, --rounds at least 1 and every --connections"
                            + " at least 1");
        }
        if (!accessLog.equals("on") && !accessLog.equals("off")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--access-log must be on or off, got " + accessLog);
        }
        Path dir = Files.createTempDirectory("orc-bench-ingress");
        try {
            spec.commandLine().getOut().printf(
                    "orc bench ingress: %d round(s) of %d s per target after %d s of warm-up, %s connections, access log %s,"
                            + " ingress JVM options %s%n",
                    rounds, seconds, warmUp, connections, accessLog, ingressJvmOptions.isEmpty() ? "as the launcher's" : ingressJvmOptions);
            IngressBench.run(new IngressBench.Options(connections, Duration.ofSeconds(warmUp), Duration.ofSeconds(seconds),
                    rounds, accessLog.equals("on"), ingressJvmOptions), dir, spec.commandLine().getOut());
        } finally {
            LoopbackApi.deleteRecursively(dir);
        }
        return 0;
    }
}
