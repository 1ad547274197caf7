package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.apiserver.auth.GitOpsImpersonation;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import dev.orc.reconciler.gitops.GitOpsPolicy;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The manager's wiring end to end in-process: shared typed informers over the API client feed real controllers. */
class ControllerManagerTest {
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster registry = new RegistryCluster(clock);

    @TempDir
    Path dataDir;

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aDeploymentBecomesAReplicaSetAndItsPodsThroughTheSharedInformers() throws Exception {
        ObjectNode deployment = (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"namespace":"default","name":"web"},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"web:1"}]}}}}""");
        try (ControllerManager manager = new ControllerManager(registry.client(), dataDir, clock, NodeLifecycleConfig.defaults(),
                        GitOpsPolicy.standard(), new GitOpsImpersonation(null))) {
            manager.start();
            registry.seed(ResourceTypes.DEPLOYMENT, deployment);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(registry.list(ResourceTypes.REPLICA_SET)).hasSize(1);
                assertThat(registry.list(ResourceTypes.POD)).hasSize(2)
                        .allSatisfy(pod -> assertThat(pod.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("ReplicaSet"));
            });
        }
    }
}
