package dev.orc.node.stats;

import dev.orc.node.pod.ContainerRole;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerStats;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.ContainerSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live usage of the node and its pods, on demand: each running app container's runtime stats (sampled
 * in parallel), and the host's {@code /proc/stat} and {@code /proc/meminfo}. CPU is a rate between two
 * samples; a container or node seen for the first time is sampled twice, {@link #FIRST_INTERVAL} apart.
 */
public final class NodeStats {

    static final Duration FIRST_INTERVAL = Duration.ofMillis(500);
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern MEM = Pattern.compile("(?m)^(MemTotal|MemAvailable):\\s+(\\d+)\\s+kB");

    private final ContainerRuntime runtime;
    private final String nodeName;
    private final Clock clock;
    private final Path proc;
    private final CpuRates rates = new CpuRates();

    public NodeStats(ContainerRuntime runtime, String nodeName, Clock clock, Path proc) {
        this.runtime = runtime;
        this.nodeName = nodeName;
        this.clock = clock;
        this.proc = proc;
    }

    public StatsSummary summary() throws InterruptedException {
        List<ContainerSummary> running = runtime.list(PodLabels.ofNode(nodeName)).stream()
                .filter(c -> c.state() == ContainerState.RUNNING)
                .filter(c -> ContainerRole.fromLabel(c.labels().get(PodLabels.ROLE)) != ContainerRole.INFRA)
                .toList();
        Map<String, List<StatsSummary.ContainerUsage>> byPod = new TreeMap<>();
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<StatsSummary.ContainerUsage>>> samples = new ArrayList<>();
            for (ContainerSummary c : running) {
                samples.add(parallel.submit(() -> sample(c)));
            }
            Future<StatsSummary.NodeUsage> node = parallel.submit(this::node);
            for (int i = 0; i < running.size(); i++) {
                Optional<StatsSummary.ContainerUsage> usage = get(samples.get(i));
                Map<String, String> labels = running.get(i).labels();
                usage.ifPresent(u -> byPod.computeIfAbsent(labels.get(PodLabels.POD_NAMESPACE) + "/"
                        + labels.get(PodLabels.POD_NAME), k -> new ArrayList<>()).add(u));
            }
            List<StatsSummary.PodUsage> pods = new ArrayList<>();
            byPod.forEach((key, containers) -> pods.add(new StatsSummary.PodUsage(key.substring(0, key.indexOf('/')),
                    key.substring(key.indexOf('/') + 1), containers)));
            return new StatsSummary(node.get(), pods);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("reading the node's usage failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static <T> Optional<T> get(Future<Optional<T>> future) throws InterruptedException {
        try {
            return future.get(SAMPLE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            return Optional.empty();
        }
    }

    private Optional<StatsSummary.ContainerUsage> sample(ContainerSummary c) throws InterruptedException {
        try {
            String name = c.labels().getOrDefault(PodLabels.CONTAINER_NAME, c.name());
            ContainerStats first = runtime.stats(c.id());
            Optional<Long> rate = rates.record(c.id(), first.cpuUsageNanos(), clock.instant());
            ContainerStats latest = first;
            if (rate.isEmpty()) {
                Thread.sleep(FIRST_INTERVAL.toMillis());
                latest = runtime.stats(c.id());
                rate = rates.record(c.id(), latest.cpuUsageNanos(), clock.instant());
            }
            return Optional.of(new StatsSummary.ContainerUsage(name, rate.orElse(0L), latest.memoryUsageBytes()));
        } catch (ContainerRuntimeException e) {
            return Optional.empty();
        }
    }

    private StatsSummary.NodeUsage node() throws IOException, InterruptedException {
        Optional<Long> rate = rates.record("node", cpuNanos(), clock.instant());
        if (rate.isEmpty()) {
            Thread.sleep(FIRST_INTERVAL.toMillis());
            rate = rates.record("node", cpuNanos(), clock.instant());
        }
        long total = 0;
        long available = 0;
        Matcher m = MEM.matcher(Files.readString(proc.resolve("meminfo")));
        while (m.find()) {
            long bytes = Long.parseLong(m.group(2)) * 1024;
            if (m.group(1).equals("MemTotal")) {
                total = bytes;
            } else {
                available = bytes;
            }
        }
        return new StatsSummary.NodeUsage(nodeName, rate.orElse(0L), Math.max(0, total - available), total,
                Runtime.getRuntime().availableProcessors());
    }

    /** Busy CPU time of all cores from the first line of /proc/stat (USER_HZ ticks of 10 ms), in nanoseconds. */
    private long cpuNanos() throws IOException {
        String first = Files.readAllLines(proc.resolve("stat")).getFirst();
        String[] f = first.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy * 10_000_000L;
    }
}
