package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.Kubelet;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.orc.reconciler.controller.job.JobFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

/** Jobs on the real registry: a running Job and a completed one are left alone by a second reconcile. */
class JobAtRestTest {
    private static final ObjectKey KEY = new ObjectKey("default", "pi");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster registry = new RegistryCluster(clock);
    private final Kubelet kubelet = new Kubelet(registry, clock);
    private final JobReconciler reconciler = new JobReconciler(registry.cache(ResourceTypes.JOB),
            registry.cache(ResourceTypes.POD), registry.controllerClient(), registry.events(),
            new Expectations(clock, Duration.ofMinutes(5)), clock);

    @AfterEach
    void close() {
        registry.close();
    }

    private ObjectNode seedJob() {
        ObjectNode job = job(2, 2, 6);
        job.withObjectProperty("spec").putObject("selector").putObject("matchLabels").put("app", "pi");
        return registry.seed(ResourceTypes.JOB, job);
    }

    @Test
    void aRunningJobWritesNothing() {
        seedJob();
        registry.settle(10, () -> {
            reconciler.reconcile(KEY);
            kubelet.runAllPods("n1");
        });

        registry.assertWritesNothing(() -> reconciler.reconcile(KEY));
        assertThat(registry.get(ResourceTypes.JOB, "default", "pi").orElseThrow().at("/status/active").asInt()).isEqualTo(2);
    }

    @Test
    void aCompletedJobWritesNothing() {
        seedJob();
        registry.settle(10, () -> {
            reconciler.reconcile(KEY);
            kubelet.runAllPods("n1");
        });
        for (ObjectNode pod : registry.list(ResourceTypes.POD)) {
            ObjectNode status = pod.putObject("status").put("phase", "Succeeded");
            status.putArray("containerStatuses").addObject().put("name", "pi").putObject("state").putObject("terminated")
                    .put("exitCode", 0).put("finishedAt", Timestamps.format(clock.instant()));
            registry.client().updateStatus(ResourceTypes.POD, "default", pod);
        }
        registry.settle(10, () -> reconciler.reconcile(KEY));

        registry.assertWritesNothing(() -> reconciler.reconcile(KEY));
        assertThat(registry.get(ResourceTypes.JOB, "default", "pi").orElseThrow().at("/status/succeeded").asInt())
                .isEqualTo(2);
    }
}
