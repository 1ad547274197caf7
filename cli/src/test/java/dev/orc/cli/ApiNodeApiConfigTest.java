package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ClaimLabels;
import dev.orc.api.model.Container;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Secret;
import dev.orc.node.ApiNodeApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the node agent reads and writes for pod configuration, through the real client and API server. */
class ApiNodeApiConfigTest {

    @TempDir
    Path dir;
    private TestCluster cluster;
    private ApiNodeApi api;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
        api = new ApiNodeApi(cluster.client());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void configMapsAndSecretsMadeByTheCliAreReadAndAbsentOnesAreEmpty() {
        assertThat(cluster.orc("create", "configmap", "settings", "--from-literal", "mode=fast").exitCode()).isZero();
        assertThat(cluster.orc("create", "secret", "generic", "creds", "--from-literal", "password=s3cret").exitCode())
                .isZero();

        assertThat(api.configMap("default", "settings").orElseThrow().data()).containsEntry("mode", "fast");
        Secret secret = api.secret("default", "creds").orElseThrow();
        assertThat(new String(secret.value("password").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        assertThat(api.configMap("default", "missing")).isEmpty();
        assertThat(api.secret("default", "missing")).isEmpty();
    }

    @Test
    void podEventsAreRecordedAboutThePod() {
        Pod pod = Pod.of(ObjectMeta.of("default", "web"), PodSpec.of(Container.of("app", "orc/busybox:1")));
        Pod created = Json.convert(cluster.client().create(ResourceTypes.POD, "default", (ObjectNode) Json.tree(pod),
                WriteOptions.defaults()), Pod.class);

        api.recordPodEvent(created, "Warning", "Unhealthy", "Liveness probe failed: boom", Instant.now());

        List<JsonNode> events = new ArrayList<>();
        cluster.client().listAll(ResourceTypes.EVENT, "default", ListOptions.all()).path("items").forEach(events::add);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.path("involvedObject").path("name").asText()).isEqualTo("web");
            assertThat(e.path("involvedObject").path("uid").asText()).isEqualTo(created.metadata().uid());
            assertThat(e.path("reason").asText()).isEqualTo("Unhealthy");
            assertThat(e.path("message").asText()).isEqualTo("Liveness probe failed: boom");
            assertThat(e.path("type").asText()).isEqualTo("Warning");
        });
    }

    @Test
    void claimLabelIsAddedBesideTheNodesOtherLabels() {
        ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", "n1").putObject("labels").put("zone", "a");
        cluster.client().create(ResourceTypes.NODE, null, node, WriteOptions.defaults());

        api.labelNode("n1", ClaimLabels.key("shop", "db"), "true");

        JsonNode labels = cluster.client().get(ResourceTypes.NODE, null, "n1").path("metadata").path("labels");
        assertThat(labels.path("orc.dev/pvc-shop.db").asText()).isEqualTo("true");
        assertThat(labels.path("zone").asText()).isEqualTo("a");
    }
}
