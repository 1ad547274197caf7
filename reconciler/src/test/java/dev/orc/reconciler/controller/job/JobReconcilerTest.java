package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.BatchGate;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.GatedClient;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.orc.reconciler.controller.job.JobFixtures.job;
import static dev.orc.reconciler.controller.job.JobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobReconcilerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "pi");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final Expectations expectations = new Expectations(clock, Duration.ofMinutes(5));
    private final JobReconciler reconciler = new JobReconciler(cluster.cache(ResourceTypes.JOB),
            cluster.cache(ResourceTypes.POD), cluster.controllerClient(), cluster.events(), expectations, clock);

    @AfterEach
    void close() {
        cluster.close();
    }

    private JobReconciler reconcilerWriting(ApiClient writer) {
        return new JobReconciler(cluster.cache(ResourceTypes.JOB), cluster.cache(ResourceTypes.POD), writer, cluster.events(),
                expectations, clock);
    }

    /** The kubelet: every pod still pending ends with {@code phase}. */
    private void finishPods(String phase) {
        for (ObjectNode pod : cluster.list(ResourceTypes.POD)) {
            if (pod.path("status").path("phase").asText("Pending").equals("Pending")) {
                ObjectNode done = pod.deepCopy();
                done.putObject("status").put("phase", phase).putArray("containerStatuses").addObject().put("name", "pi")
                        .putObject("state").putObject("terminated").put("exitCode", phase.equals("Failed") ? 1 : 0)
                        .put("finishedAt", clock.instant().toString());
                cluster.updateStatus(ResourceTypes.POD, done);
            }
        }
    }

    private ObjectNode stored() {
        return cluster.get(ResourceTypes.JOB, "default", "pi").orElseThrow();
    }

    @Test
    void runsToCompletionTwoAtATime() {
        cluster.seed(ResourceTypes.JOB, job(3, 2, 6));

        reconciler.reconcile(KEY);
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(2);
        finishPods("Succeeded");
        reconciler.reconcile(KEY);
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(3);
        finishPods("Succeeded");
        reconciler.reconcile(KEY);

        assertThat(stored().at("/status/succeeded").asInt()).isEqualTo(3);
        assertThat(stored().at("/status/conditions/0/type").asText()).isEqualTo("Complete");
        assertThat(stored().at("/status/completionTime").isTextual()).isTrue();
        assertThat(cluster.recordedEvents()).contains("pi Normal Completed: Job completed");
    }

    @Test
    void createsItsParallelPodsInOverlappingSlowStartBatches() {
        cluster.seed(ResourceTypes.JOB, job(4, 4, 6));
        BatchGate gate = new BatchGate(1, 2, 1);

        reconcilerWriting(new GatedClient(cluster, gate).client()).reconcile(KEY);

        assertThat(gate.finishedAtArrival()).containsExactly(0, 1, 1, 3);
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(4);
        assertThat(cluster.recordedEvents()).filteredOn(e -> e.contains("SuccessfulCreate")).hasSize(4);
    }

    @Test
    void aFailedCreateSkipsTheLaterBatchesAndTheNextPassCreatesTheRest() {
        cluster.seed(ResourceTypes.JOB, job(7, 7, 6));
        BatchGate gate = new BatchGate(1, 2, 4);
        GatedClient writer = new GatedClient(cluster, gate).failing(3, new IllegalStateException("exceeded quota"));

        assertThatThrownBy(() -> reconcilerWriting(writer.client()).reconcile(KEY)).hasMessage("exceeded quota");
        assertThat(gate.arrivals()).isEqualTo(7);
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(6);
        assertThat(cluster.recordedEvents()).filteredOn(e -> e.contains("SuccessfulCreate")).hasSize(6);
        assertThat(cluster.recordedEvents()).filteredOn(e -> e.contains("FailedCreate")).singleElement().asString()
                .contains("Warning", "Error creating: exceeded quota");

        cluster.clearRecords();
        reconciler.reconcile(KEY);
        assertThat(cluster.writes()).filteredOn(w -> w.startsWith("create")).hasSize(1);
    }

    @Test
    void aConflictingCreateIsRetriedWithoutAWarning() {
        cluster.seed(ResourceTypes.JOB, job(2, 2, 6));
        BatchGate gate = new BatchGate(1, 1);
        GatedClient writer = new GatedClient(cluster, gate).failing(1,
                new ApiException.Conflict("pod pi-x was changed"));

        assertThatThrownBy(() -> reconcilerWriting(writer.client()).reconcile(KEY)).hasMessageContaining("was changed");
        assertThat(cluster.recordedEvents()).noneMatch(e -> e.contains("FailedCreate"));
    }

    @Test
    void steadyStateDoesNothing() {
        cluster.seed(ResourceTypes.JOB, job(1, 1, 6));
        reconciler.reconcile(KEY);
        cluster.clearRecords();

        Result result = reconciler.reconcile(KEY);

        assertThat(cluster.writes()).isEmpty();
        assertThat(cluster.recordedEvents()).isEmpty();
        assertThat(result.requeue()).isFalse();
    }

    @Test
    void retriesAfterBackoffThenFailsAtTheLimit() {
        cluster.seed(ResourceTypes.JOB, job(1, 1, 1));
        reconciler.reconcile(KEY);
        finishPods("Failed");
        cluster.clearRecords();

        Result waiting = reconciler.reconcile(KEY);
        assertThat(cluster.writes()).containsExactly("status jobs pi");
        assertThat(waiting.requeueAfter()).isEqualTo(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(10));
        reconciler.reconcile(KEY);
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(2);
        finishPods("Failed");
        reconciler.reconcile(KEY);

        assertThat(stored().at("/status/failed").asInt()).isEqualTo(2);
        assertThat(stored().at("/status/conditions/0/reason").asText()).isEqualTo("BackoffLimitExceeded");
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(2);
    }

    @Test
    void deletesTheFinishedJobInTheBackgroundOnceItsTtlHasPassed() {
        ObjectNode job = job(1, 1, 6);
        spec(job).put("ttlSecondsAfterFinished", 30);
        cluster.seed(ResourceTypes.JOB, job);
        reconciler.reconcile(KEY);
        finishPods("Succeeded");
        reconciler.reconcile(KEY);
        cluster.clearRecords();

        clock.advance(Duration.ofSeconds(20));
        Result early = reconciler.reconcile(KEY);
        assertThat(cluster.writes()).isEmpty();
        assertThat(early.requeueAfter()).isEqualTo(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(10));
        reconciler.reconcile(KEY);
        assertThat(cluster.writes()).containsExactly("delete jobs pi");
    }
}
