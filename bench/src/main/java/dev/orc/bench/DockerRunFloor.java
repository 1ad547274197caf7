package dev.orc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The floor: {@code replicas} parallel {@code docker run -d} of an image, timed until every one has returned. */
final class DockerRunFloor {
    /** Per process, so that benchmarks running side by side on one engine never remove each other's containers. */
    static final String LABEL = "dev.orc.bench=rollout-" + UUID.randomUUID().toString().substring(0, 8);

    private DockerRunFloor() {
    }

    static Duration measure(String image, int replicas) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(replicas, r -> Thread.ofPlatform().daemon().unstarted(r));
        try {
            long start = System.nanoTime();
            List<CompletableFuture<String>> started = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                String name = "orc-bench-" + run + "-" + i;
                started.add(CompletableFuture.supplyAsync(() -> DockerCli.run("run", "-d", "--name", name, "--label", LABEL,
                        image), pool));
            }
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
            removeAll();
        }
    }

    /** Removes every container this benchmark started with {@code docker run}. */
    static void removeAll() {
        List<String> ids = DockerCli.lines("ps", "-aq", "--filter", "label=" + LABEL);
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(ids);
            DockerCli.run(args.toArray(String[]::new));
        }
    }
}
