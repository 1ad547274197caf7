package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.gitops.Ownership;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server would store for a sync's write, as {@code orc sync diff} shows it, when the write also unpins. */
class ClusterOpsDryRunTest {
    private static final ManagedRef SETTINGS = new ManagedRef("v1", "ConfigMap", "team", "settings");
    private final RegistryCluster registry = new RegistryCluster(new ManualClock());

    @AfterEach
    void close() {
        registry.close();
    }

    private static ObjectNode configMap(String value, String pin) {
        ObjectNode object = (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"namespace":"team","name":"settings",
                 "annotations":{"orc.dev/gitsource":"team/apps"}},"data":{"value":"%s"}}""".formatted(value));
        if (pin != null) {
            object.withObjectProperty("metadata").withObjectProperty("annotations").put(Ownership.PIN_ANNOTATION, pin);
        }
        return object;
    }

    @Test
    void anApplyThatUnpinsWouldStoreTheNewFieldsWithoutThePinAndStoresNothing() throws ClusterOps.ApplyException {
        registry.seed(ResourceTypes.NAMESPACE, (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"""));
        ObjectNode live = registry.seed(ResourceTypes.CONFIG_MAP, configMap("old", "c1"));
        ObjectNode patch = Json.object();
        patch.putObject("data").put("value", "new");
        Ownership.unpin(patch);
        SyncAction update = new SyncAction(SyncAction.Type.UPDATE, SETTINGS, configMap("new", null), patch, live);

        ObjectNode wouldStore = new ClusterOps(registry.client(), ApplyMethod.SERVER_SIDE_APPLY).wouldStore(update);

        assertThat(wouldStore.at("/data/value").asText()).isEqualTo("new");
        assertThat(wouldStore.at("/metadata/annotations").has(Ownership.PIN_ANNOTATION)).isFalse();
        ObjectNode stored = registry.get(ResourceTypes.CONFIG_MAP, "team", "settings").orElseThrow();
        assertThat(stored.at("/data/value").asText()).isEqualTo("old");
        assertThat(stored.at("/metadata/annotations/" + Ownership.PIN_ANNOTATION.replace("/", "~1")).asText()).isEqualTo("c1");
    }
}
