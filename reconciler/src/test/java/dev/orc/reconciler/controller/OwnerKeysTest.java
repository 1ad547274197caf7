package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.orc.reconciler.controller.PodFixture.pod;
import static org.assertj.core.api.Assertions.assertThat;

class OwnerKeysTest {
    private final RegistryCluster cluster = new RegistryCluster(new ManualClock());

    @AfterEach
    void close() {
        cluster.close();
    }

    private ObjectNode replicaSet(String name, String app) {
        ObjectNode rs = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        rs.putObject("metadata").put("namespace", "default").put("name", name);
        ObjectNode spec = rs.putObject("spec");
        spec.putObject("selector").putObject("matchLabels").put("app", app);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", app);
        template.putObject("spec").putArray("containers").addObject().put("name", app).put("image", app + ":1");
        return cluster.seed(ResourceTypes.REPLICA_SET, rs);
    }

    @Test
    void anOwnedPodEnqueuesItsControllerOnly() {
        ObjectNode web = replicaSet("web", "web");
        replicaSet("other", "web");

        assertThat(OwnerKeys.of(Cached.of(pod("p").ownedBy(web).build(), Pod.class), "ReplicaSet", cluster.cache(ResourceTypes.REPLICA_SET)))
                .containsExactly(new ObjectKey("default", "web"));
    }

    @Test
    void anOrphanEnqueuesEveryControllerWhoseSelectorMatchesIt() {
        replicaSet("web", "web");
        replicaSet("also-web", "web");
        replicaSet("db", "db");

        assertThat(OwnerKeys.of(Cached.of(pod("p").build(), Pod.class), "ReplicaSet", cluster.cache(ResourceTypes.REPLICA_SET)))
                .containsExactlyInAnyOrder(new ObjectKey("default", "web"), new ObjectKey("default", "also-web"));
    }

    @Test
    void aPodControlledByAnotherKindEnqueuesNothing() {
        replicaSet("web", "web");
        ObjectNode job = Json.object().put("apiVersion", "batch/v1").put("kind", "Job");
        job.putObject("metadata").put("name", "j").put("uid", "uid-j");

        assertThat(OwnerKeys.of(Cached.of(pod("p").ownedBy(job).build(), Pod.class), "ReplicaSet", cluster.cache(ResourceTypes.REPLICA_SET)))
                .isEmpty();
    }
}
