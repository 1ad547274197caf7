package dev.orc.cli;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes Java client (fabric8), configured with nothing but the server's URL, its token and the CA that
 * signed its certificate, creates, gets, lists, patches, deletes and watches pods, deployments and services on orc.
 */
class KubernetesClientCompatibilityTest {
    private static final String NS = "compat";

    private TestCluster cluster;
    private KubernetesClient kube;

    @BeforeEach
    void start(@TempDir Path dir) {
        cluster = new TestCluster(dir);
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.url()).withOauthToken(TestCluster.TOKEN)
                .withCaCertFile(cluster.caFile().toString()).build();
        kube = new KubernetesClientBuilder().withConfig(config).build();
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    @AfterEach
    void stop() {
        kube.close();
        cluster.close();
    }

    @Test
    void podsAreCreatedReadListedPatchedWatchedAndDeleted() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = kube.pods().inNamespace(NS).watch(recorder(seen))) {
            Pod created = kube.pods().inNamespace(NS).resource(new PodBuilder()
                    .withNewMetadata().withName("web").addToLabels("app", "web").endMetadata()
                    .withNewSpec().addNewContainer().withName("web").withImage("orc/web:1").endContainer().endSpec()
                    .build()).create();
            assertThat(created.getMetadata().getUid()).isNotBlank();
            assertThat(created.getMetadata().getResourceVersion()).isNotBlank();

            assertThat(kube.pods().inNamespace(NS).withName("web").get().getSpec().getContainers().getFirst().getImage())
                    .isEqualTo("orc/web:1");
            assertThat(kube.pods().inNamespace(NS).withLabel("app", "web").list().getItems())
                    .extracting(p -> p.getMetadata().getName()).containsExactly("web");
            assertThat(kube.pods().inNamespace(NS).withLabel("app", "db").list().getItems()).isEmpty();

            Pod patched = kube.pods().inNamespace(NS).withName("web")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}");
            assertThat(patched.getMetadata().getLabels()).containsEntry("tier", "front").containsEntry("app", "web");
            Pod edited = kube.pods().inNamespace(NS).withName("web")
                    .edit(p -> new PodBuilder(p).editMetadata().addToAnnotations("note", "edited").endMetadata().build());
            assertThat(edited.getMetadata().getAnnotations()).containsEntry("note", "edited");

            kube.pods().inNamespace(NS).withName("web").withGracePeriod(0).delete();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(kube.pods().inNamespace(NS).withName("web").get()).isNull());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(seen).contains("ADDED web", "MODIFIED web", "DELETED web"));
        }
    }

    @Test
    void deploymentsAreCreatedReadListedPatchedScaledWatchedAndDeleted() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = kube.apps().deployments().inNamespace(NS).watch(recorder(seen))) {
            Deployment created = kube.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                    .withNewMetadata().withName("web").endMetadata()
                    .withNewSpec().withReplicas(2)
                    .withNewSelector().addToMatchLabels("app", "web").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                    .withNewSpec().addNewContainer().withName("web").withImage("orc/web:1").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
            assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
            assertThat(created.getSpec().getStrategy().getType()).as("defaulted by the server").isEqualTo("RollingUpdate");

            assertThat(kube.apps().deployments().inNamespace(NS).list().getItems())
                    .extracting(d -> d.getMetadata().getName()).containsExactly("web");
            assertThat(kube.apps().deployments().inAnyNamespace().list().getItems())
                    .extracting(d -> d.getMetadata().getNamespace()).contains(NS);

            Deployment patched = kube.apps().deployments().inNamespace(NS).withName("web").patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"orc/web:2\"}]}}}}");
            assertThat(patched.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("orc/web:2");
            assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);

            kube.apps().deployments().inNamespace(NS).withName("web").scale(5);
            assertThat(kube.apps().deployments().inNamespace(NS).withName("web").get().getSpec().getReplicas()).isEqualTo(5);

            kube.apps().deployments().inNamespace(NS).withName("web").delete();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(kube.apps().deployments().inNamespace(NS).withName("web").get()).isNull());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(seen).contains("ADDED web", "MODIFIED web", "DELETED web"));
        }
    }

    @Test
    void servicesAreCreatedReadListedPatchedWatchedAndDeleted() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = kube.services().inNamespace(NS).watch(recorder(seen))) {
            Service created = kube.services().inNamespace(NS).resource(new ServiceBuilder()
                    .withNewMetadata().withName("web").endMetadata()
                    .withNewSpec().withSelector(Map.of("app", "web"))
                    .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).endPort().endSpec()
                    .build()).create();
            assertThat(created.getSpec().getClusterIP()).as("allocated by the server").isNotBlank();

            assertThat(kube.services().inNamespace(NS).withName("web").get().getSpec().getPorts().getFirst().getPort())
                    .isEqualTo(80);
            assertThat(kube.services().inNamespace(NS).list().getItems())
                    .extracting(s -> s.getMetadata().getName()).containsExactly("web");

            Service patched = kube.services().inNamespace(NS).withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"selector\":{\"app\":\"web\",\"tier\":\"front\"}}}");
            assertThat(patched.getSpec().getSelector()).containsEntry("tier", "front");
            assertThat(patched.getSpec().getClusterIP()).isEqualTo(created.getSpec().getClusterIP());

            kube.services().inNamespace(NS).withName("web").delete();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(kube.services().inNamespace(NS).withName("web").get()).isNull());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(seen).contains("ADDED web", "MODIFIED web", "DELETED web"));
        }
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Watcher<T> recorder(List<String> seen) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                seen.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                seen.add("CLOSED " + cause.getMessage());
            }
        };
    }
}
