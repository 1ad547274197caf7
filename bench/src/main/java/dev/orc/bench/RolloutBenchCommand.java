package dev.orc.bench;

import dev.orc.node.runtime.docker.DockerRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/** {@code orc bench rollout}: a Deployment on the real Docker engine against {@code docker run} and Swarm. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Measure rollouts on this machine's Docker engine: orc (server and a node agent in this"
                + " process, as orc up runs them) creating a Deployment until every replica is Ready, and rolling"
                + " it to a new image; beside it the floor (the same number of parallel docker run) and Docker"
                + " Swarm's docker service create. Best of --rounds each. Removes every container it starts.")
final class RolloutBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--replicas", defaultValue = "10", description = "replicas (default ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--rounds", defaultValue = "3", description = "measurements of each, the best counts (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--swarm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also measure Docker Swarm (default ${DEFAULT-VALUE})")
    boolean swarm;

    @Override
    public Integer call() throws Exception {
        if (replicas < 1 || rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--replicas and --rounds must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (DockerRuntime runtime = DockerRuntime.connect()) {
            BenchImages.ensure(runtime);
            out.printf("orc bench rollout: %d replicas of %s, then a rolling update to %s; Docker %s; best of %d%n",
                    replicas, BenchImages.V1, BenchImages.V2, runtime.version().version(), rounds);
            out.flush();
            RolloutFigures figures = orcRounds(runtime);
            if (swarm) {
                figures = swarmRounds(figures);
            }
            figures.print(out);
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            DockerRunFloor.removeAll();
        }
        out.flush();
        return 0;
    }

    private RolloutFigures orcRounds(DockerRuntime runtime) throws Exception {
        RolloutFigures figures = RolloutFigures.none();
        Path dir = Files.createTempDirectory("orc-bench-rollout");
        try (OrcRollout orc = OrcRollout.start(dir, runtime)) {
            for (int round = 1; round <= rounds; round++) {
                String name = "bench-" + round;
                Duration floor1 = DockerRunFloor.measure(BenchImages.V1, replicas);
                Duration create = orc.deploy(name, BenchImages.V1, replicas);
                Duration floor2 = DockerRunFloor.measure(BenchImages.V2, replicas);
                Duration update = orc.update(name, BenchImages.V2, replicas);
                orc.delete(name);
                figures = figures.best(new RolloutFigures(floor1, create, floor2, update, null));
            }
        } finally {
            LoopbackApi.deleteRecursively(dir);
        }
        return figures;
    }

    private RolloutFigures swarmRounds(RolloutFigures figures) throws Exception {
        try (SwarmBench swarmBench = SwarmBench.join()) {
            for (int round = 1; round <= rounds; round++) {
                figures = figures.best(new RolloutFigures(DockerRunFloor.measure(BenchImages.V1, replicas), null, null, null,
                        swarmBench.createService(BenchImages.V1, replicas)));
            }
        }
        return figures;
    }
}
