package dev.orc.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DiffCommandTest {
    @TempDir
    Path dir;
    TestCluster cluster;
    Path web;

    @BeforeEach
    void start() throws IOException {
        cluster = new TestCluster(dir);
        web = dir.resolve("web.yaml");
        Files.writeString(web, ApplyCommandTest.WEB);
        cluster.orc("apply", "-f", web.toString());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void nothingToChangeIsExitZeroAndNoOutput() {
        CommandRun run = cluster.orc("diff", "-f", web.toString());
        assertThat(run.out()).isEmpty();
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void aLocalEditShowsAsAUnifiedDiffWithExitOne() throws IOException {
        Files.writeString(web, ApplyCommandTest.WEB.replace("replicas: 2", "replicas: 5"));
        CommandRun run = cluster.orc("diff", "-f", web.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("--- live/apps.v1.Deployment.default.web\n+++ merged/apps.v1.Deployment.default.web\n@@ ")
                .contains("\n-  replicas: 2\n+  replicas: 5\n");
        assertThat(cluster.orc("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("2");
    }

    @Test
    void aNewObjectShowsWhole() throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fresh}\ndata: {k: v}\n");
        CommandRun run = cluster.orc("diff", "-f", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("+++ merged/.v1.ConfigMap.default.fresh\n@@ -0,0 +1,").contains("\n+  k: v\n");
        assertThat(cluster.orc("get", "cm", "-o", "name").out()).isEmpty();
    }

    @Test
    void anErrorIsExitTwo() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n");
        assertThat(cluster.orc("diff", "-f", bad.toString()).exitCode()).isEqualTo(2);
    }
}
