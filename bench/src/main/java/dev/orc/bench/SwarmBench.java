package dev.orc.bench;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Docker Swarm measured the way orc is: {@code docker service create --replicas N}, timed until N tasks
 * are running. Joins a single-node swarm on loopback for the run when the engine is in none, and leaves
 * it afterwards; every service it creates is removed.
 */
final class SwarmBench implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private final boolean joined;

    private SwarmBench(boolean joined) {
        this.joined = joined;
    }

    static SwarmBench join() {
        String state = DockerCli.run("info", "--format", "{{.Swarm.LocalNodeState}}").strip();
        if (state.equals("active")) {
            return new SwarmBench(false);
        }
        DockerCli.run("swarm", "init", "--advertise-addr", "127.0.0.1");
        return new SwarmBench(true);
    }

    /** Time from {@code docker service create} until {@code replicas} tasks run. */
    Duration createService(String image, int replicas) throws InterruptedException {
        String name = "orc-bench-" + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        DockerCli.run("service", "create", "--detach", "--quiet", "--no-resolve-image", "--name", name,
                "--container-label", DockerRunFloor.LABEL, "--replicas", String.valueOf(replicas), image);
        try {
            long deadline = start + TIMEOUT.toNanos();
            while (running(name) < replicas) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("swarm service " + name + " did not run " + replicas + " tasks within "
                            + TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            DockerCli.run("service", "rm", name);
        }
    }

    private static int running(String service) {
        List<String> states = DockerCli.lines("service", "ps", "--filter", "desired-state=running", "--format",
                "{{.CurrentState}}", service);
        return (int) states.stream().filter(state -> state.startsWith("Running")).count();
    }

    /** Leaves the swarm if this benchmark made it, once the services' containers are gone. */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!DockerCli.lines("ps", "-aq", "--filter", "label=" + DockerRunFloor.LABEL).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (joined) {
            DockerCli.run("swarm", "leave", "--force");
        }
    }
}
