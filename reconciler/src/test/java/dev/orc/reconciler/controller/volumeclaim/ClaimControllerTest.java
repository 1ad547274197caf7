package dev.orc.reconciler.controller.volumeclaim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimControllerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "data");
    private final RegistryCluster cluster = new RegistryCluster(new ManualClock());
    private final ClaimController controller = new ClaimController(cluster.cache(ResourceTypes.PERSISTENT_VOLUME_CLAIM),
            cluster.cache(ResourceTypes.POD), cluster.controllerClient());

    @AfterEach
    void close() {
        cluster.close();
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text.replace('\'', '"'));
    }

    private static ObjectNode claim() {
        return json("{'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'data'},"
                + "'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}");
    }

    private static ObjectNode pod(String name) {
        return json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'" + name + "'},'spec':{'containers':"
                + "[{'name':'c','image':'busybox'}],'volumes':[{'name':'v','persistentVolumeClaim':{'claimName':'data'}}]}}");
    }

    private ObjectNode stored() {
        return cluster.get(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", "data").orElseThrow();
    }

    @Test
    void aClaimIsBoundAtOnceWithWhatItAskedForAndProtectedThenSteadyStateWritesNothing() {
        cluster.seed(ResourceTypes.PERSISTENT_VOLUME_CLAIM, claim());

        controller.reconcile(KEY);

        assertThat(stored().at("/metadata/finalizers").toString()).isEqualTo("[\"kubernetes.io/pvc-protection\"]");
        assertThat(stored().at("/status").toString())
                .isEqualTo("{\"phase\":\"Bound\",\"accessModes\":[\"ReadWriteOnce\"],\"capacity\":{\"storage\":\"1Gi\"}}");
        cluster.assertWritesNothing(() -> controller.reconcile(KEY));
    }

    @Test
    void aClaimInUseStaysUntilItsPodIsGone() {
        cluster.seed(ResourceTypes.PERSISTENT_VOLUME_CLAIM, claim());
        controller.reconcile(KEY);
        cluster.seed(ResourceTypes.POD, pod("user"));
        cluster.client().delete(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", "data", DeleteOptions.defaults());

        cluster.assertWritesNothing(() -> controller.reconcile(KEY));
        assertThat(stored().at("/metadata/deletionTimestamp").isTextual()).isTrue();

        cluster.client().delete(ResourceTypes.POD, "default", "user", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        controller.reconcile(KEY);

        assertThat(cluster.get(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", "data")).isEmpty();
    }

    @Test
    void aFinishedPodDoesNotHoldItsClaim() {
        cluster.seed(ResourceTypes.PERSISTENT_VOLUME_CLAIM, claim());
        controller.reconcile(KEY);
        ObjectNode done = pod("done");
        done.putObject("status").put("phase", "Succeeded");
        cluster.seed(ResourceTypes.POD, done);
        cluster.client().delete(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", "data", DeleteOptions.defaults());

        controller.reconcile(KEY);

        assertThat(cluster.get(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", "data")).isEmpty();
    }
}
