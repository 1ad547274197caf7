package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexerTest {
    private final Indexer<Pod> indexer = new Indexer<>(Index.ALL);

    private static ObjectNode pod(String namespace, String name) {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("namespace", namespace).put("name", name).put("uid", "uid-" + name);
        return pod;
    }

    private static ObjectNode ownedBy(ObjectNode pod, String uid, boolean controller) {
        ObjectNode ref = ((ObjectNode) pod.get("metadata")).withArrayProperty("ownerReferences").addObject();
        ref.put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", "rs-" + uid).put("uid", uid);
        ref.put("controller", controller);
        return pod;
    }

    private static Cached<Pod> cached(ObjectNode pod) {
        return Cached.of(pod, Pod.class);
    }

    private List<String> names(Index index, String value) {
        return indexer.byIndex(index, value).stream().map(Cached::name).toList();
    }

    @Test
    void filesEachObjectUnderItsNamespaceControllerOwnersAndNode() {
        indexer.put(cached(ownedBy(ownedBy(pod("a", "p1"), "rs-1", true), "other", false)));
        ObjectNode bound = pod("b", "p2");
        bound.putObject("spec").put("nodeName", "n1");
        indexer.put(cached(bound));

        assertThat(names(Index.NAMESPACE, "a")).containsExactly("p1");
        assertThat(names(Index.NAMESPACE, "b")).containsExactly("p2");
        assertThat(names(Index.CONTROLLER, "rs-1")).containsExactly("p1");
        assertThat(names(Index.CONTROLLER, "other")).isEmpty();
        assertThat(names(Index.OWNER, "other")).containsExactly("p1");
        assertThat(names(Index.OWNER, "rs-1")).containsExactly("p1");
        assertThat(names(Index.NODE, "n1")).containsExactly("p2");
    }

    @Test
    void anUpdateMovesTheObjectToItsNewValuesOnly() {
        indexer.put(cached(ownedBy(pod("a", "p1"), "rs-1", true)));
        indexer.put(cached(ownedBy(pod("a", "p1"), "rs-2", true)));

        assertThat(names(Index.CONTROLLER, "rs-1")).isEmpty();
        assertThat(names(Index.CONTROLLER, "rs-2")).containsExactly("p1");
        assertThat(names(Index.NAMESPACE, "a")).containsExactly("p1");
    }

    @Test
    void aRemovedObjectLeavesEveryIndex() {
        indexer.put(cached(ownedBy(pod("a", "p1"), "rs-1", true)));
        indexer.put(cached(pod("a", "p2")));

        assertThat(indexer.remove(new ObjectKey("a", "p1"))).isPresent();

        assertThat(names(Index.CONTROLLER, "rs-1")).isEmpty();
        assertThat(names(Index.OWNER, "rs-1")).isEmpty();
        assertThat(names(Index.NAMESPACE, "a")).containsExactly("p2");
        assertThat(indexer.keys()).containsExactly(new ObjectKey("a", "p2"));
    }

    @Test
    void anIndexItDoesNotKeepIsAnError() {
        Indexer<Pod> byNamespaceOnly = new Indexer<>(List.of(Index.NAMESPACE));
        assertThatThrownBy(() -> byNamespaceOnly.byIndex(Index.NODE, "n1")).hasMessageContaining("no index node");
    }
}
