package dev.orc.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.docker.DockerRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code orc bench idle}: what a cluster at rest costs its server in writes, CPU and memory. */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = "Measure a cluster at rest: orc up in a child process (SQLite, started with this JVM's options)"
                + " syncing the bundled examples, plus one object of each kind (bench/idle.yaml: Deployments, a ReplicaSet,"
                + " a DaemonSet, a Job, Services of every type, a ConfigMap, a Secret, a claim, pods running, crash-looping,"
                + " in image pull back-off and completed). Without --pods the node is this machine's Docker engine; with"
                + " --pods N, N more pods run on simulated nodes (fake runtime) in this process, without the examples and"
                + " without probes (a simulated pod's address is not a real one). Once every object is at"
                + " rest, prints over --duration the store writes/s, the write requests/s by resource, the server's CPU"
                + " seconds per second and resident set, then its live heap and resident set after a full GC (jcmd GC.run).")
final class IdleBenchCommand implements Callable<Integer> {
    private static final int PODS_PER_SIMULATED_NODE = 80;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "SECONDS",
            description = "how long to watch the cluster at rest (default ${DEFAULT-VALUE} s)")
    int durationSeconds;

    @Option(names = "--pods", defaultValue = "0",
            description = "pods on simulated nodes instead of a Docker node (default ${DEFAULT-VALUE}: Docker)")
    int pods;

    @Option(names = "--settle-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "longest wait for the cluster to come to rest (default ${DEFAULT-VALUE} s)")
    int settleSeconds;

    @Override
    public Integer call() throws Exception {
        if (durationSeconds < 1 || settleSeconds < 1 || pods < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--duration and --settle-timeout must be at least 1 and --pods at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("orc-bench-idle");
        try {
            return pods == 0 ? onDocker(dir, out) : onSimulatedNodes(dir, out);
        } finally {
            LoopbackApi.deleteRecursively(dir);
        }
    }

    private int onDocker(Path dir, PrintWriter out) throws InterruptedException {
        String node = "orc-bench-idle-" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerRuntime runtime = DockerRuntime.connect()) {
            IdleImages.ensure(runtime);
        }
        try (ServerProcess server = ServerProcess.start(dir, List.of("--node-name", node))) {
            header(out, server, "bundled examples, node " + node + " on this machine's Docker engine");
            return run(out, server, IdleWorkloads.manifests(), true);
        } finally {
            removeContainers(node);
        }
    }

    private int onSimulatedNodes(Path dir, PrintWriter out) throws InterruptedException {
        List<ObjectNode> objects = new ArrayList<>(IdleWorkloads.withoutProbes(IdleWorkloads.manifests()));
        objects.addAll(IdleWorkloads.fleet(pods));
        int count = Math.max(1, (pods + PODS_PER_SIMULATED_NODE - 1) / PODS_PER_SIMULATED_NODE);
        try (ServerProcess server = ServerProcess.start(dir, List.of("--no-node", "--no-git"));
             SimulatedNodes nodes = SimulatedNodes.start(count, dir.resolve("nodes"), server::client, IdleImages.ALL,
                     SimulatedPrograms.of(objects))) {
            header(out, server, "no examples, " + nodes.size() + " simulated nodes in the benchmark's process, "
                    + pods + " more pods");
            return run(out, server, objects, false);
        }
    }

    private int run(PrintWriter out, ServerProcess server, List<ObjectNode> objects, boolean examples)
            throws InterruptedException {
        IdleBench bench = new IdleBench(server, examples);
        bench.settle(Duration.ofSeconds(settleSeconds));
        IdleWorkloads.create(server.client(), objects);
        Duration settled = bench.settle(Duration.ofSeconds(settleSeconds));
        out.printf("at rest %.1f s after %d objects were created; pods: %s%n", settled.toMillis() / 1000.0,
                objects.size(), ClusterAtRest.podStates(server.client()));
        out.flush();
        new IdleReport(out).print(bench.measure(Duration.ofSeconds(durationSeconds)));
        out.flush();
        return 0;
    }

    private static void header(PrintWriter out, ServerProcess server, String nodes) {
        out.printf("orc bench idle: orc up (SQLite, bench/idle.yaml) as process %d at %s, %s%n",
                server.pid(), server.url(), nodes);
        out.printf("server JVM options: %s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.flush();
    }

    /** Removes the containers the run left on the Docker engine (a stopped orc up leaves its pods running). */
    private static void removeContainers(String node) {
        List<String> left = DockerCli.lines("ps", "-aq", "--filter", "label=" + PodLabels.NODE + "=" + node);
        if (!left.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("rm", "-f"));
            command.addAll(left);
            DockerCli.run(command.toArray(String[]::new));
        }
    }
}
