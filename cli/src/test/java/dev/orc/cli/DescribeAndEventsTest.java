package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DescribeAndEventsTest {
    @TempDir
    Path dir;
    TestCluster cluster;
    ObjectNode web;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
        cluster.orcWithInput(ApplyCommandTest.WEB.replace("labels: {app: web, tier: front}",
                "labels: {app: web, tier: front}\n  annotations: {team: blue}"), "apply", "-f", "-");
        web = cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "web");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void describeShowsMetadataReplicasTemplateAndEvents() {
        cluster.recordEvent(web, "Normal", "ScalingReplicaSet", "Scaled up replica set web-1 to 2");
        CommandRun run = cluster.orc("describe", "deploy", "web");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Name:             web\nNamespace:        default\n")
                .contains("Labels:           app=web\n                  tier=front\n")
                .contains("Annotations:      team=blue\n")
                .contains("Replicas:         2 desired | 0 updated | 0 total | 0 available | 0 unavailable\n")
                .contains("Pod Template:\n  Labels:           app=web\n  Containers:\n    web:\n      Image:            nginx:1\n")
                .containsPattern("Events:\n  Type     Reason              Age +From +Message\n"
                        + "  Normal   ScalingReplicaSet   \\d+s +test-controller +Scaled up replica set web-1 to 2\n")
                .doesNotContain("last-applied-configuration");
    }

    @Test
    void describeOfAnObjectWithoutEventsSaysNone() {
        assertThat(cluster.orc("describe", "deployment/web").out()).endsWith("Events:  <none>\n");
    }

    @Test
    void describeOfAMissingObjectIsTheServersMessage() {
        CommandRun run = cluster.orc("describe", "pod", "nope");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: pods \"nope\" not found\n");
    }

    @Test
    void eventsListsWhatHappenedWithTheObjectItConcerns() {
        cluster.recordEvent(web, "Warning", "FailedCreate", "quota exceeded");
        CommandRun run = cluster.orc("events");
        assertThat(run.out()).matches("LAST SEEN   TYPE      REASON         OBJECT           MESSAGE\n"
                + "\\d+s +Warning   FailedCreate   deployment/web   quota exceeded\n");
    }

    @Test
    void eventsWatchFollowsNewEvents() {
        StringWriter out = new StringWriter();
        CompletableFuture<CommandRun> watching = CompletableFuture.supplyAsync(
                () -> cluster.orcInto(out, "", "events", "-w", "--request-timeout=5s"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            cluster.recordEvent(web, "Normal", "Poked", "poke");
            assertThat(out.toString()).contains("Poked");
        });
        assertThat(watching.join().exitCode()).isZero();
    }

    @Test
    void eventsInAnEmptyNamespaceSayNone() {
        assertThat(cluster.orc("events", "-n", "kube-public").err()).isEqualTo("No events found in kube-public namespace.\n");
    }
}
