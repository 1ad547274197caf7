package dev.orc.reconciler.controller.serviceaccount;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Namespace;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The default ServiceAccount of every namespace, on the real registry: made once, made again when deleted. */
class ServiceAccountsControllerTest {
    private final RegistryCluster cluster = new RegistryCluster(new ManualClock());
    private final ServiceAccountsController controller = new ServiceAccountsController(
            cluster.cache(ResourceTypes.NAMESPACE), cluster.cache(ResourceTypes.SERVICE_ACCOUNT), cluster.controllerClient());
    private final ObjectKey team = new ObjectKey("", "team");

    @AfterEach
    void close() {
        cluster.close();
    }

    private static ObjectNode namespace(String name) {
        return (ObjectNode) Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
    }

    @Test
    void aNewNamespaceGetsItsDefaultAccountOnceAndKeepsItWithoutWrites() {
        cluster.seed(ResourceTypes.NAMESPACE, namespace("team"));
        cluster.clearRecords();

        controller.reconcile(team);

        assertThat(cluster.writes()).containsExactly("create serviceaccounts default");
        cluster.assertWritesNothing(() -> controller.reconcile(team));
    }

    @Test
    void aDeletedDefaultAccountIsMadeAgain() {
        cluster.seed(ResourceTypes.NAMESPACE, namespace("team"));
        controller.reconcile(team);
        String first = cluster.get(ResourceTypes.SERVICE_ACCOUNT, "team", "default").orElseThrow()
                .at("/metadata/uid").asText();
        cluster.client().delete(ResourceTypes.SERVICE_ACCOUNT, "team", "default", DeleteOptions.defaults());

        controller.reconcile(team);

        assertThat(cluster.get(ResourceTypes.SERVICE_ACCOUNT, "team", "default").orElseThrow().at("/metadata/uid")
                .asText()).isNotEqualTo(first);
    }

    @Test
    void aNamespaceBeingDeletedOrGoneGetsNone() {
        Namespace leaving = Json.convert(Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":"
                + "{\"name\":\"leaving\",\"deletionTimestamp\":\"2024-05-01T12:00:00Z\"}}"), Namespace.class);
        assertThat(ServiceAccountsController.missing(leaving, false)).isEmpty();
        cluster.clearRecords();

        controller.reconcile(new ObjectKey("", "never-was"));

        assertThat(cluster.writes()).isEmpty();
    }
}
