package dev.orc.bench;

import dev.orc.reconciler.gitops.ApplyMethod;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code orc bench sync}: how fast a push reaches the cluster through a GitSource and its webhook. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Measure GitOps sync on an in-process server: the time from a signed webhook for a commit"
                + " that changes every object to all of them applied, and of a resync that changes nothing."
                + " The objects are ConfigMaps, one file each; no node is needed.")
final class SyncBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--objects", defaultValue = "100", description = "objects in the repository (default ${DEFAULT-VALUE})")
    int objects;

    @Option(names = "--rounds", defaultValue = "3", description = "pushes and resyncs timed (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--apply", defaultValue = "SERVER_SIDE_APPLY",
            description = "how the sync writes: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    ApplyMethod apply;

    @Override
    public Integer call() throws Exception {
        if (objects < 1 || rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--objects and --rounds must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("orc bench sync: %d ConfigMaps in a local Git repository, %d rounds after %d warm-up pushes, webhook-triggered, %s%n",
                objects, rounds, SyncBenchmark.WARM_UP_ROUNDS, apply);
        out.flush();
        Path scratch = Files.createTempDirectory("orc-bench-sync");
        try {
            SyncBenchResult result = new SyncBenchmark(objects, rounds, apply).run(scratch);
            out.printf("%-38s %10s%n", "measurement", "ms");
            out.printf("%-38s %10d%n", "first sync (source created to applied)", result.initial().toMillis());
            out.printf("%-38s %10d%n", "push: webhook to applied, median", SyncBenchResult.median(result.pushes()).toMillis());
            out.printf("%-38s %10d%n", "push: webhook to applied, best", SyncBenchResult.best(result.pushes()).toMillis());
            out.printf("%-38s %10d%n", "no-change resync, median", SyncBenchResult.median(result.resyncs()).toMillis());
            out.printf("(every push round: %s ms; every resync: %s ms)%n", millis(result.pushes()), millis(result.resyncs()));
        } finally {
            deleteRecursively(scratch);
        }
        out.flush();
        return 0;
    }

    private static String millis(List<Duration> samples) {
        return samples.stream().map(d -> Long.toString(d.toMillis())).collect(Collectors.joining(", "));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
