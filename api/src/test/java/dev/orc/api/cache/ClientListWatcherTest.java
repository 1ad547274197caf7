package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiCall;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An informer over a plain ApiClient, as the node agent watches the pods bound to it. */
class ClientListWatcherTest {
    private final ScriptedTransport transport = new ScriptedTransport();
    private final Informer<Pod> informer = new Informer<>(ResourceTypes.POD, Pod.class,
            new ClientListWatcher(ApiClient.over(transport), "default", ListOptions.fieldSelector("spec.nodeName=n1")
                    .withLabelSelector("app=web")), Duration.ofHours(1));

    @AfterEach
    void close() {
        informer.close();
    }

    @Test
    void listsAndWatchesOneNamespaceWithTheSelectorsAndKeepsTheCacheCurrent() throws Exception {
        transport.listed = "{\"metadata\":{\"resourceVersion\":\"5\"},\"items\":[" + pod("a", "4") + "]}";
        informer.start();
        assertThat(informer.waitForSync(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.watches.size() == 1);

        assertThat(transport.paths.getFirst()).startsWith("/api/v1/namespaces/default/pods?")
                .contains("labelSelector=app%3Dweb", "fieldSelector=spec.nodeName%3Dn1", "limit=500");
        assertThat(transport.paths.get(1)).contains("watch=true", "resourceVersion=5", "allowWatchBookmarks=true",
                "labelSelector=app%3Dweb", "fieldSelector=spec.nodeName%3Dn1");
        Cached<Pod> listed = informer.get(new ObjectKey("default", "a")).orElseThrow();
        assertThat(listed.view().kind()).isEqualTo("Pod");

        transport.watches.getFirst().line().apply("{\"type\":\"ADDED\",\"object\":" + pod("b", "6") + "}");
        await().atMost(Duration.ofSeconds(10)).until(() -> informer.list().size() == 2);

        transport.watches.getFirst().end().accept(new ApiException.Gone("Expired", "too old"));
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.paths.size() == 4);
        assertThat(transport.paths.get(2)).doesNotContain("watch=true");
    }

    private static String pod(String name, String resourceVersion) {
        ObjectNode pod = Json.object();
        pod.putObject("metadata").put("namespace", "default").put("name", name).put("resourceVersion", resourceVersion);
        pod.putObject("spec").put("nodeName", "n1");
        return pod.toString();
    }

    private static final class ScriptedTransport implements ApiTransport {
        record Watch(Function<String, ApiException> line, Consumer<ApiException> end) {
        }

        final List<String> paths = new CopyOnWriteArrayList<>();
        final List<Watch> watches = new CopyOnWriteArrayList<>();
        volatile String listed = "{\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}";

        @Override
        public String base() {
            return "scripted:";
        }

        @Override
        public ObjectNode call(ApiCall call) {
            paths.add(call.pathAndQuery());
            return (ObjectNode) Json.parse(listed);
        }

        @Override
        public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
            throw new UnsupportedOperationException(pathAndQuery);
        }

        @Override
        public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
            paths.add(pathAndQuery);
            watches.add(new Watch(onLine, onEnd));
            return new WatchHandle() {
                @Override
                public void close() {
                }

                @Override
                public boolean awaitClosed(Duration timeout) {
                    return true;
                }
            };
        }
    }
}
