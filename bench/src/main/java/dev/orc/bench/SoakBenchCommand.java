package dev.orc.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code orc bench soak}: a server under a steady churn for a long while, to show that it stays flat. {@code orc up}
 * (SQLite, no node, no Git) runs in a child process with this JVM's options; simulated nodes run the pods in this
 * process; {@link SoakChurn} sends its mutating requests at the rate asked. Each sample prints the churn's achieved
 * rate and latencies, the server's writes per second (every client's, controllers' and nodes' included), and the
 * server's resident set, heap after a full collection, threads, open files and store size; the end compares the last
 * {@code --window} minutes with issue #16's targets.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run orc up under a steady churn (ConfigMap updates, scaling, rollouts, Deployments created and"
                + " deleted) and print, every sample, the churn's p50/p99, the server's writes/s, resident set, heap after GC,"
                + " threads, open files and store size; then whether they stayed flat (issue #16's targets: growth <= 5 %"
                + " over the last --window minutes, mutating p99 <= 50 ms at 100 writes/s).")
final class SoakBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "30", description = "How long to run, in minutes (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--writes-per-second", defaultValue = "100",
            description = "The churn's mutating requests per second (default: ${DEFAULT-VALUE}).")
    int writesPerSecond;

    @Option(names = "--nodes", defaultValue = "5", description = "Simulated nodes running the pods (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--sample-seconds", defaultValue = "60", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Option(names = "--window", defaultValue = "20", paramLabel = "MINUTES",
            description = "The last minutes that must stay flat, after warm-up (default: ${DEFAULT-VALUE}).")
    int windowMinutes;

    @Override
    public Integer call() throws Exception {
        if (writesPerSecond < 1 || nodes < 1 || sampleSeconds < 1 || windowMinutes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--writes-per-second, --nodes, --sample-seconds and --window must be at least 1");
        }
        if (minutes * 60 < 2 * sampleSeconds) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--minutes must cover at least two samples of --sample-seconds (" + sampleSeconds + " s each)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("orc-bench-soak");
        try (ServerProcess server = ServerProcess.start(dir, List.of("--no-node", "--no-git"));
             SimulatedNodes agents = SimulatedNodes.start(nodes, dir.resolve("nodes"), server::client, IdleImages.ALL,
                     SimulatedPrograms.of(SoakChurn.workloads()));
             SoakChurn churn = SoakChurn.start(server.client(), writesPerSecond)) {
            out.printf("orc bench soak: orc up (SQLite) as process %d, %d simulated nodes, churn of %d writes/s for %.1f min%n",
                    server.pid(), agents.size(), writesPerSecond, minutes);
            out.printf("%6s %9s %9s %8s %8s %9s %8s %9s %8s %6s %9s%n", "minute", "churn/s", "errors", "p50 ms", "p99 ms",
                    "server/s", "RSS MB", "heap MB", "threads", "files", "store MB");
            out.flush();
            List<SoakSample> samples = measure(out, server, churn, dir.resolve("data"));
            Duration window = Duration.ofMinutes(windowMinutes);
            out.println(SoakReport.of(samples, window).text(window));
            out.printf("requests dropped because the churn's workers were all busy: %d%n", churn.dropped());
            out.flush();
        } finally {
            LoopbackApi.deleteRecursively(dir);
        }
        return 0;
    }

    private List<SoakSample> measure(PrintWriter out, ServerProcess server, SoakChurn churn, Path data)
            throws InterruptedException {
        List<SoakSample> samples = new ArrayList<>();
        long start = System.nanoTime();
        ServerMetrics previous = server.metrics();
        long previousAt = System.nanoTime();
        for (long next = sampleSeconds; next <= (long) (minutes * 60); next += sampleSeconds) {
            long wait = start + Duration.ofSeconds(next).toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            Latencies.Summary requests = churn.latencies().drain();
            ServerMetrics writes = server.metrics();
            long now = System.nanoTime();
            double serverWrites = writes.writeRequestsSince(previous).values().stream().mapToLong(Long::longValue).sum()
                    / ((now - previousAt) / 1e9);
            previous = writes;
            previousAt = now;
            server.fullGc();
            ServerMetrics memory = server.metrics();
            ProcessVitals vitals = ProcessVitals.of(server.pid());
            SoakSample sample = new SoakSample(Duration.ofNanos(now - start), requests, serverWrites,
                    memory.residentBytes(), memory.liveHeapBytes(), vitals.threads(), vitals.openFiles(), storeBytes(data));
            samples.add(sample);
            out.println(line(sample));
            out.flush();
        }
        return samples;
    }

    private String line(SoakSample s) {
        return String.format(Locale.ROOT, "%6.1f %9.1f %9d %8.1f %8.1f %9.1f %8.1f %9.1f %8d %6d %9.1f",
                s.elapsed().toSeconds() / 60.0, s.requests().requests() / (double) sampleSeconds, s.requests().errors(),
                s.requests().p50Millis(), s.requests().p99Millis(), s.serverWritesPerSecond(), s.residentBytes() / 1e6,
                s.liveHeapBytes() / 1e6, s.threads(), s.openFiles(), s.storeBytes() / 1e6);
    }

    /** The SQLite store's files: the database, its write-ahead log and shared memory. */
    private static long storeBytes(Path data) {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith("orc.db")).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the store in " + data + ": " + e.getMessage(), e);
        }
    }
}
