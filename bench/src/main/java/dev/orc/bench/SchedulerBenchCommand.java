package dev.orc.bench;

import dev.orc.api.client.ApiClient;
import dev.orc.reconciler.manager.ControllerManager;
import dev.orc.reconciler.manager.SharedInformers;
import dev.orc.reconciler.scheduler.Scheduler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code orc bench scheduler}: the real scheduler over the real API, binding pods on simulated nodes. */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Measure the scheduler end to end: an API server of its own (SQLite in a temporary directory,"
                + " plain HTTP on loopback) with only the scheduler running beside it, as orc server wires it;"
                + " simulated Ready nodes registered through the API, then pods created by parallel clients."
                + " Prints pods/s bound and p50/p99 time from sending a pod's create to a watch seeing it bound.")
final class SchedulerBenchCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "1000", description = "simulated nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--pods", defaultValue = "10000", description = "pods to schedule (default ${DEFAULT-VALUE})")
    int pods;

    @Option(names = "--creators", defaultValue = "16", description = "parallel clients creating pods (default ${DEFAULT-VALUE})")
    int creators;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || pods < 1 || creators < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nodes, --pods and --creators must be at least 1");
        }
        if ((long) nodes * 110 < pods + warmUpPods()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pods " + pods + " do not fit on --nodes "
                    + nodes + " (110 pods per node, " + warmUpPods() + " of them for the warm-up)");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LoopbackApi api = LoopbackApi.start()) {
            out.printf("orc bench scheduler: %d nodes, %d pods, %d parallel creators; API server over SQLite in %s, "
                    + "scheduler only%n", nodes, pods, creators, api.directory());
            out.flush();
            ApiClient inProcess = api.localClient();
            SchedulerBench bench = new SchedulerBench(api.client(), inProcess, creators, TIMEOUT);
            bench.registerNodes(nodes);
            try (SharedInformers informers = new SharedInformers(inProcess);
                 Scheduler scheduler = ControllerManager.scheduler(informers, inProcess, Clock.systemUTC())) {
                scheduler.start(TIMEOUT);
                SchedulerBench.Result warmUp = bench.run("bench-warm-up", warmUpPods());
                out.printf("warm-up: %d pods bound at %.0f pods/s%n", warmUp.pods(), warmUp.boundPerSecond());
                new SchedulerBenchReport(out).print(bench.run("bench", pods));
            }
        }
        out.flush();
        return 0;
    }

    /** A tenth of the pods (at most 1,000) first, so the measured run does not include the JIT compiler's work. */
    private int warmUpPods() {
        return Math.max(1, Math.min(1000, pods / 10));
    }
}
