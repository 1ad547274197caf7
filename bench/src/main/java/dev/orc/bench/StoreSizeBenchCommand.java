package dev.orc.bench;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.cli.server.ClusterOptions;
import dev.orc.cli.server.ServerOptions;
import dev.orc.cli.server.ServerRunner;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code orc bench store-size}: the size of etcd under a cluster of idle simulated nodes over time. A local etcd, an
 * {@code orc server} on it (the leader compacting every {@code --compaction}), and {@code --nodes} node agents on
 * fake runtimes that register, renew their Leases and report their status as real ones do. Each sample prints the
 * database size etcd has in use, its file size (which only a defragmentation shrinks), the number of keys and
 * the revision; the end compares the size in use over the last two thirds of the run.
 */
@Command(name = "store-size", mixinStandardHelpOptions = true,
        description = "Measure etcd's size over time under idle simulated nodes (issue #15's store hygiene).")
final class StoreSizeBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "100", description = "Simulated idle nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--minutes", defaultValue = "60", description = "How long to measure (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--sample-seconds", defaultValue = "60", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || minutes < 1 || sampleSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nodes, --minutes and --sample-seconds must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("orc-bench-store-size");
        try (LocalEtcd etcd = LocalEtcd.start(dir.resolve("etcd"));
             ServerRunner server = ServerRunner.start(new ServerOptions("etcd://" + etcd.endpoint().replace("http://", ""),
                     "127.0.0.1:0", dir.resolve("server"), true, dir.resolve("client-config")), Optional.empty(),
                     NodeLifecycleConfig.defaults(), ClusterOptions.defaults());
             SimulatedNodes agents = SimulatedNodes.start(nodes, dir.resolve("nodes"),
                     () -> ApiClient.connect(new ClientConfig(server.server().url(), null, null, ClientConfig.DEFAULT_NAMESPACE)),
                     List.of(), Map.of())) {
            out.printf("store size with %d idle simulated nodes, etcd compacted every %d min by the leader%n", agents.size(),
                    ClusterOptions.DEFAULT_COMPACTION_INTERVAL.toMinutes());
            out.printf("%8s %14s %14s %8s %10s%n", "minute", "in use (MB)", "file (MB)", "keys", "revision");
            EtcdSizes sizes = new EtcdSizes(etcd.metricsUrl());
            List<EtcdSizes.Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            Duration total = Duration.ofMinutes(minutes);
            for (long next = 0; next <= total.toSeconds(); next += sampleSeconds) {
                long wait = start + Duration.ofSeconds(next).toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                EtcdSizes.Sample sample = sizes.sample(Duration.ofNanos(System.nanoTime() - start));
                samples.add(sample);
                out.printf("%8.1f %14.2f %14.2f %8d %10d%n", sample.elapsed().toSeconds() / 60.0, sample.inUse() / 1e6,
                        sample.file() / 1e6, sample.keys(), sample.revision());
                out.flush();
            }
            out.println(EtcdSizes.growth(samples, total.dividedBy(3)));
        } finally {
            LoopbackApi.deleteRecursively(dir);
        }
        return 0;
    }
}
