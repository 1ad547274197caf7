package dev.orc.bench;

import dev.orc.reconciler.store.etcd.EtcdConfig;
import dev.orc.reconciler.store.etcd.EtcdStore;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code orc bench store}: throughput and watch latency of a store backend. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Measure a store backend: ops/s of create, CAS update, get and full listings of N keys,"
                + " and watch delivery latency. For etcd the same operations also run through the raw jetcd"
                + " client, so the overhead of orc's layer shows as a ratio.")
final class StoreBenchCommand implements Callable<Integer> {
    enum Backend { etcd, sqlite }

    /** Runs against etcd in alternating order (raw first, then orc first), so neither side always goes first. */
    private static final int ROUNDS = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", required = true, description = "etcd or sqlite")
    Backend backend;

    @Option(names = "--endpoints", split = ",", description = "etcd client URLs; without them a local etcd is started")
    List<String> endpoints;

    @Option(names = "--keys", defaultValue = "10000", description = "number of keys (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--threads", defaultValue = "8", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--watch-samples", defaultValue = "1000", description = "writes timed through a watch (default ${DEFAULT-VALUE})")
    int watchSamples;

    @Override
    public Integer call() throws Exception {
        if (keys < 1 || threads < 1 || watchSamples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--keys, --threads and --watch-samples must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        StoreBenchmark benchmark = new StoreBenchmark(keys, threads, watchSamples);
        String prefix = "/orc-bench/" + UUID.randomUUID() + "/";
        Path scratch = Files.createTempDirectory("orc-bench-store");
        try {
            if (backend == Backend.sqlite) {
                out.printf("orc bench store: sqlite in %s, %d keys, %d threads%n", scratch, keys, threads);
                StoreBenchResult orc;
                try (StoreTarget target = new StoreTarget(SqliteStore.open(scratch))) {
                    warmUp(target, prefix);
                    orc = benchmark.run(target, prefix);
                }
                new StoreBenchReport(out, keys).print(orc, null);
            } else {
                runEtcd(out, benchmark, prefix, scratch);
            }
        } finally {
            deleteRecursively(scratch);
        }
        out.flush();
        return 0;
    }

    private void runEtcd(PrintWriter out, StoreBenchmark benchmark, String prefix, Path scratch) throws Exception {
        LocalEtcd local = endpoints == null || endpoints.isEmpty() ? LocalEtcd.start(scratch) : null;
        try {
            EtcdConfig config = EtcdConfig.of(local != null ? List.of(local.endpoint()) : endpoints);
            out.printf("orc bench store: etcd at %s%s, %d keys, %d threads, best of %d alternating runs%n",
                    String.join(",", config.endpoints()), local != null ? " (started for this run)" : "", keys, threads,
                    ROUNDS);
            StoreBenchResult raw = null;
            StoreBenchResult orc = null;
            try (JetcdTarget jetcd = new JetcdTarget(EtcdStore.client(config));
                 StoreTarget ours = new StoreTarget(EtcdStore.open(config))) {
                warmUp(jetcd, prefix + "jetcd/");
                warmUp(ours, prefix + "orc/");
                for (int round = 1; round <= ROUNDS; round++) {
                    boolean rawFirst = round % 2 == 1;
                    StoreBenchResult o = rawFirst ? null : benchmark.run(ours, prefix + "orc/" + round + "/");
                    StoreBenchResult r = benchmark.run(jetcd, prefix + "jetcd/" + round + "/");
                    if (rawFirst) {
                        o = benchmark.run(ours, prefix + "orc/" + round + "/");
                    }
                    raw = raw == null ? r : raw.best(r);
                    orc = orc == null ? o : orc.best(o);
                }
            }
            new StoreBenchReport(out, keys).print(orc, raw);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    /** A smaller run first, so neither side is measured while the JIT compiler is still at work. */
    private void warmUp(BenchTarget target, String prefix) throws Exception {
        new StoreBenchmark(Math.min(keys, 2_000), threads, Math.min(watchSamples, 200)).run(target, prefix + "warm-up/");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
