package dev.orc.cli.bench;

import dev.orc.cli.Orc;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int orc(String... args) {
        CommandLine cmd = Orc.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void storeBenchOnSqlitePrintsEveryMeasurement() {
        int exit = orc("bench", "store", "--backend", "sqlite", "--keys", "300", "--threads", "2", "--watch-samples", "20");

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

        int exit = orc("bench", "store", "--backend", "etcd", "--keys", "200", "--threads", "2", "--watch-samples", "20");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("started for this run", "raw jetcd", "orc/jetcd", "create (ops/s)",
                "watch latency p99 (ms)");
    }

    @Test
    void syncBenchTimesPushesAndResyncsThroughTheWebhook() {
        int exit = orc("bench", "sync", "--objects", "10", "--rounds", "2");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("10 ConfigMaps", "first sync", "push: webhook to applied, median",
                "no-change resync, median");
    }

    @Test
    void syncBenchNeedsAtLeastOneObject() {
        assertThat(orc("bench", "sync", "--objects", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--objects");
    }

    @Test
    void anUnknownBackendIsAUsageError() {
        assertThat(orc("bench", "store", "--backend", "redis")).isEqualTo(2);
        assertThat(err.toString()).contains("--backend").contains("redis");
    }

    @Test
    void benchWithoutABenchmarkIsAUsageError() {
        assertThat(orc("bench")).isEqualTo(2);
        assertThat(err.toString()).contains("a benchmark is required");
    }
}
