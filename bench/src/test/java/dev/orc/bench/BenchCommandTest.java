package dev.orc.bench;

import dev.orc.node.pod.PodLabels;
import dev.orc.node.testing.DockerForTests;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int orc(String... args) {
        CommandLine cmd = BenchCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void everyBenchmarkPrintsItsHelpAndExitsZero() {
        for (String name : BenchCommand.commandLine().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);

            assertThat(orc(name, "--help")).as(name + ": " + err).isZero();
            assertThat(out.toString()).as(name).contains("Usage: orc bench " + name);
            assertThat(BenchCommand.commandLine().getSubcommands().get(name).getCommandSpec().usageMessage()
                    .description()).as(name + ": one paragraph, for picocli to wrap to the terminal").hasSizeLessThan(2);
        }
    }

    @Test
    void storeBenchOnSqlitePrintsEveryMeasurement() {
        int exit = orc("store", "--backend", "sqlite", "--keys", "300", "--threads", "2", "--watch-samples", "20");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("sqlite", "create (ops/s)", "CAS update (ops/s)", "get (ops/s)",
                "list 300 keys (lists/s)", "watch latency p50 (ms)", "watch latency p99 (ms)");
    }

    @Test
    void storeBenchOnEtcdStartsALocalEtcdAndComparesWithRawJetcd() {
        boolean installed = LocalEtcd.findBinary() != null;
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("etcd is not installed; the etcd benchmark test needs it");
        }
        Assumptions.assumeTrue(installed, "etcd is not installed");

        int exit = orc("store", "--backend", "etcd", "--keys", "200", "--threads", "2", "--watch-samples", "20");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("started for this run", "raw jetcd", "orc/jetcd", "create (ops/s)",
                "watch latency p99 (ms)");
    }

    @Test
    void soakBenchSamplesTheServerUnderChurnAndJudgesTheWindow() {
        int exit = orc("soak", "--minutes", "0.5", "--sample-seconds", "10", "--window", "1", "--writes-per-second", "20",
                "--nodes", "1");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("churn of 20 writes/s", "p99 ms", "heap MB", "store MB", "worst p99",
                "requests dropped");
        assertThat(out.toString().lines().filter(line -> line.matches("\\s+\\d+\\.\\d .*"))).hasSize(3);
    }

    @Test
    void soakBenchRefusesARunShorterThanTwoSamples() {
        assertThat(orc("soak", "--minutes", "1", "--sample-seconds", "60")).isEqualTo(2);
        assertThat(err.toString()).contains("--minutes must cover at least two samples");
    }

    @Test
    void ingressBenchMeasuresEveryPathInTheClearAndOverTlsWithoutErrors() {
        int exit = orc("ingress", "--seconds", "1", "--warm-up", "1", "--connections", "2", "--rounds", "2");

        assertThat(exit).as(err.toString()).isZero();
        String report = out.toString();
        assertThat(report).containsPattern("direct +no +2 ").containsPattern("orc +no +2 ")
                .containsPattern("direct +yes +2 ").containsPattern("orc +yes +2 ");
        assertThat(report.lines().filter(line -> line.matches("(direct|orc|nginx) +(no|yes) .*")))
                .allSatisfy(line -> assertThat(line.split(" +")[6]).as("errors of " + line).isEqualTo("0"));
        assertThat(report.lines().filter(line -> line.matches("(orc|nginx) +(no|yes) .*")))
                .allSatisfy(line -> assertThat(line).as("the proxy's CPU per request").matches(".* \\d+\\.\\d"));
        if (report.contains("nginx ")) {
            assertThat(report).containsPattern("orc/nginx plain +2 conns: requests/s \\d+\\.\\d\\dx")
                    .containsPattern("orc/nginx TLS +2 conns: requests/s \\d+\\.\\d\\dx").contains("loads meet both targets")
                    .containsPattern("round 2: orc/nginx plain +2 conns").containsPattern("median of 2 rounds: orc/nginx TLS");
        }
    }

    @Test
    void ingressBenchRejectsAnAccessLogOtherThanOnOrOff() {
        assertThat(orc("ingress", "--access-log", "yes")).isEqualTo(2);
        assertThat(err.toString()).contains("--access-log must be on or off, got yes");
    }

    @Test
    void ingressBenchRejectsZeroConnections() {
        assertThat(orc("ingress", "--connections", "0")).isEqualTo(2);
    }

    @Test
    void ingressBenchRejectsZeroRounds() {
        assertThat(orc("ingress", "--rounds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds at least 1");
    }

    @Test
    void syncBenchTimesPushesAndResyncsThroughTheWebhook() {
        int exit = orc("sync", "--objects", "10", "--rounds", "2");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("10 ConfigMaps", "first sync", "push: webhook to applied, median",
                "no-change resync, median");
    }

    @Test
    void syncBenchNeedsAtLeastOneObject() {
        assertThat(orc("sync", "--objects", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--objects");
    }

    @Test
    void schedulerBenchBindsEveryPodAndPrintsThroughputAndLatency() {
        int exit = orc("scheduler", "--nodes", "5", "--pods", "20", "--creators", "4");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("5 nodes, 20 pods, 4 parallel creators", "warm-up: 2 pods bound",
                "pods created (API accepted)", "pods bound (first create to last bind)", "creation to binding",
                "p50", "p99", "CPU time of this process");
    }

    @Test
    void schedulerBenchRejectsACountBelowOne() {
        assertThat(orc("scheduler", "--nodes", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--nodes, --pods and --creators must be at least 1");
    }

    @Test
    void schedulerBenchRejectsMorePodsThanTheNodesHold() {
        assertThat(orc("scheduler", "--nodes", "1", "--pods", "200")).isEqualTo(2);
        assertThat(err.toString()).contains("--pods 200 do not fit on --nodes 1");
    }

    @Test
    void schedulerBenchRejectsAWordForANumber() {
        assertThat(orc("scheduler", "--pods", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--pods").contains("many");
    }

    @Test
    void rolloutBenchRejectsZeroReplicas() {
        assertThat(orc("rollout", "--replicas", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--replicas and --rounds must be at least 1");
    }

    @Test
    void rolloutBenchOnDockerComparesOrcWithTheFloorAndCleansUp() {
        requireDocker();

        int exit = orc("rollout", "--replicas", "2", "--rounds", "1", "--no-swarm");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 replicas of orc-bench/app:1", "docker run, in parallel (the floor)",
                "orc: create Deployment to all Ready", "orc: rolling update to all Ready", "x")
                .doesNotContain("swarm:");
        assertThat(DockerCli.lines("ps", "-aq", "--filter", "label=" + DockerRunFloor.LABEL)).isEmpty();
        assertThat(DockerCli.lines("ps", "-aq", "--filter", "name=orc_POD_bench-1-")).isEmpty();
    }

    @Test
    void idleBenchOnSimulatedNodesPrintsWritesCpuAndMemoryAtRest() {
        int exit = orc("idle", "--pods", "10", "--duration", "1");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("1 simulated nodes in the benchmark's process, 10 more pods", "at rest",
                "running=", "CrashLoopBackOff=1", "completed=2", "store writes/s", "write requests/s",
                "server CPU (seconds per second)", "server resident set (MB)", "live heap after full GC (MB)",
                "resident set after full GC (MB)");
    }

    @Test
    void idleBenchOnDockerMeasuresTheBundledExamplesAndCleansUp() {
        requireDocker();

        int exit = orc("idle", "--duration", "1");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bundled examples, node orc-bench-idle-", "on this machine's Docker engine",
                "store writes/s", "live heap after full GC (MB)");
        assertThat(out.toString()).as("the pod whose image cannot be pulled, in either phase of its back-off, as the "
                + "kubelet reports it").containsAnyOf("ImagePullBackOff=1", "ErrImagePull=1");
        Matcher node = Pattern.compile("node (orc-bench-idle-\\w+)").matcher(out.toString());
        assertThat(node.find()).isTrue();
        assertThat(DockerCli.lines("ps", "-aq", "--filter", "label=" + PodLabels.NODE + "=" + node.group(1))).isEmpty();
    }

    @Test
    void idleBenchRejectsAZeroDuration() {
        assertThat(orc("idle", "--duration", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration and --settle-timeout must be at least 1 and --pods at least 0");
    }

    private static void requireDocker() {
        DockerForTests.require();
    }

    @Test
    void anUnknownBackendIsAUsageError() {
        assertThat(orc("store", "--backend", "redis")).isEqualTo(2);
        assertThat(err.toString()).contains("--backend").contains("redis");
    }

    @Test
    void benchWithoutABenchmarkIsAUsageError() {
        assertThat(orc()).isEqualTo(2);
        assertThat(err.toString()).contains("a benchmark is required");
    }
}
