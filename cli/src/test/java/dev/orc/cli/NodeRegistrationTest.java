package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Node;
import dev.orc.node.ApiNodeApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent that registers its node again (after a restart) while the node lifecycle controller writes the node too. */
class NodeRegistrationTest {
    @TempDir
    Path dir;
    LiveCluster cluster;

    @BeforeEach
    void start() throws InterruptedException {
        cluster = new LiveCluster(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void registeringAgainAfterTheControlPlaneTaintedTheNodeMeanwhileKeepsItsTaintAndSucceeds() {
        cluster.client().create(ResourceTypes.NODE, null, node("user=a:NoSchedule"), WriteOptions.defaults());
        ApiNodeApi agent = new ApiNodeApi(ApiClient.over(new TaintingBeforeTheFirstNodeUpdate()));

        agent.registerOrUpdateNode(Json.convert(node("user=b:NoSchedule"), Node.class));

        JsonNode node = cluster.client().get(ResourceTypes.NODE, null, "n1");
        assertThat(node.path("spec").path("taints").findValuesAsText("key"))
                .containsExactlyInAnyOrder("user", "node.kubernetes.io/out-of-service");
        assertThat(node.path("spec").path("taints").findValuesAsText("value")).contains("b");
        assertThat(node.at("/status/conditions/0/status").asText()).isEqualTo("True");
    }

    private static ObjectNode node(String taint) {
        String[] keyValue = taint.split("[=:]");
        ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", "n1").putObject("labels").put("kubernetes.io/hostname", "n1");
        node.putObject("spec").putArray("taints").addObject().put("key", keyValue[0]).put("value", keyValue[1])
                .put("effect", keyValue[2]);
        node.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("reason", "KubeletReady");
        return node;
    }

    /**
     * Over HTTP to the cluster; before the agent's first update of the Node, taints it out of service as an administrator
     * does, reading the Node as it is then (the live cluster's controllers may have written it since it was created).
     */
    private final class TaintingBeforeTheFirstNodeUpdate implements ApiTransport {
        private final ApiTransport http = ApiTransport.http(ClientConfig.empty().withServer(cluster.client().server().toString()),
                Duration.ofSeconds(10));
        private final AtomicBoolean tainted = new AtomicBoolean();

        @Override
        public String base() {
            return http.base();
        }

        @Override
        public ObjectNode call(ApiCall call) {
            if ("PUT".equals(call.method()) && call.type().equals(ResourceTypes.NODE) && call.subresource() == null
                    && tainted.compareAndSet(false, true)) {
                ObjectNode copy = cluster.client().get(ResourceTypes.NODE, null, "n1");
                ((ArrayNode) copy.path("spec").path("taints")).addObject()
                        .put("key", "node.kubernetes.io/out-of-service").put("effect", "NoExecute");
                cluster.client().update(ResourceTypes.NODE, null, copy, WriteOptions.defaults());
            }
            return http.call(call);
        }

        @Override
        public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
            return http.send(method, pathAndQuery, body, contentType);
        }

        @Override
        public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
            return http.stream(pathAndQuery, onLine, onEnd);
        }
    }
}
