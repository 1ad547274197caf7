package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Job;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.orc.reconciler.controller.PodFixture.pod;
import static org.assertj.core.api.Assertions.assertThat;

class OwnedPodsTest {
    private static final ObjectKey KEY = new ObjectKey("default", "pi");

    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final Expectations expectations = new Expectations(clock, Duration.ofMinutes(5));
    private final OwnedPods<Job> owned = new OwnedPods<>(cluster.cache(ResourceTypes.JOB), cluster.cache(ResourceTypes.POD),
            expectations);
    private final List<List<String>> passes = new ArrayList<>();

    @AfterEach
    void close() {
        cluster.close();
    }

    private Result reconcile() {
        return owned.reconcile(KEY, (owner, pods) -> {
            passes.add(pods.stream().map(Pod::name).toList());
            return Result.done();
        });
    }

    private ObjectNode job(boolean deleting) {
        ObjectNode job = Json.object().put("apiVersion", "batch/v1").put("kind", "Job");
        job.putObject("metadata").put("namespace", "default").put("name", "pi");
        ObjectNode template = job.putObject("spec").putObject("template");
        template.putObject("metadata").putObject("labels").put("app", "pi");
        template.putObject("spec").put("restartPolicy", "Never").putArray("containers").addObject().put("name", "pi")
                .put("image", "pi:1");
        return deleting ? cluster.seedDeleting(ResourceTypes.JOB, job, "example.com/hold") : cluster.seed(ResourceTypes.JOB, job);
    }

    @Test
    void thePassSeesOnlyThePodsTheOwnerControls() {
        ObjectNode job = job(false);
        cluster.seed(ResourceTypes.POD, pod("mine").ownedBy(job).build());
        cluster.seed(ResourceTypes.POD, pod("orphan").build());

        assertThat(reconcile()).isEqualTo(Result.done());
        assertThat(passes).containsExactly(List.of("mine"));
    }

    @Test
    void aGoneOwnerEndsThePassAndForgetsItsExpectations() {
        expectations.expectCreated(KEY, "never-seen");

        assertThat(reconcile()).isEqualTo(Result.done());
        job(false);
        reconcile();

        assertThat(passes).containsExactly(List.of());
    }

    @Test
    void anOwnerBeingDeletedIsLeftAlone() {
        job(true);

        assertThat(reconcile()).isEqualTo(Result.done());
        assertThat(passes).isEmpty();
    }

    @Test
    void aCreateNotYetInTheCacheMakesThePassWaitUntilItShows() {
        ObjectNode job = job(false);
        expectations.expectCreated(KEY, "pi-1");
        clock.advance(Duration.ofMinutes(1));

        assertThat(reconcile()).isEqualTo(Result.requeueAfter(Duration.ofMinutes(4)));
        assertThat(passes).isEmpty();

        cluster.seed(ResourceTypes.POD, pod("pi-1").ownedBy(job).build());
        reconcile();
        assertThat(passes).containsExactly(List.of("pi-1"));
    }
}
