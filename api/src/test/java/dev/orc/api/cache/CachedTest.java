package dev.orc.api.cache;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Pod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachedTest {
    private static ObjectNode pod() {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("namespace", "default").put("name", "web").put("uid", "u1")
                .put("resourceVersion", "7").putObject("labels").put("app", "web");
        pod.putObject("spec").put("nodeName", "n1").put("unmodeled", "kept");
        return pod;
    }

    @Test
    void changingTheObjectItWasMadeFromChangesNothing() {
        ObjectNode source = pod();
        Cached<Pod> cached = Cached.of(source, Pod.class);

        ((ObjectNode) source.get("spec")).put("nodeName", "n2");

        assertThat(cached.text("/spec/nodeName")).isEqualTo("n1");
        assertThat(cached.view().nodeName()).isEqualTo("n1");
    }

    @Test
    void copiesAndPartsHandedOutAreTheCallersOwn() {
        Cached<Pod> cached = Cached.of(pod(), Pod.class);

        cached.copy().put("kind", "Changed");
        ((ObjectNode) cached.at("/spec")).put("nodeName", "n2");

        assertThat(cached.copy()).isEqualTo(pod());
        assertThat(cached.view().nodeName()).isEqualTo("n1");
    }

    @Test
    void theTypedViewIsImmutableAndConvertedOnce() {
        Cached<Pod> cached = Cached.of(pod(), Pod.class);

        assertThat(cached.view()).isSameAs(cached.view());
        assertThatThrownBy(() -> cached.view().metadata().labels().put("app", "db"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCopyForWritesKeepsWhatTheViewDoesNotModel() {
        Cached<Pod> cached = Cached.of(pod(), Pod.class);

        assertThat(cached.copy().at("/spec/unmodeled").asText()).isEqualTo("kept");
    }

    @Test
    void readsKeyAndMetadataWithoutAView() {
        Cached<Pod> cached = Cached.of(pod(), Pod.class);

        assertThat(cached.key()).isEqualTo(new ObjectKey("default", "web"));
        assertThat(cached.uid()).isEqualTo("u1");
        assertThat(cached.resourceVersion()).isEqualTo("7");
        assertThat(cached.text("/spec/missing")).isEmpty();
    }

    @Test
    void aReListedCopyHasTheSameContent() {
        Cached<Pod> cached = Cached.of(pod(), Pod.class);

        assertThat(cached.sameContent(Cached.of(cached.copy(), Pod.class))).isTrue();
        assertThat(cached.sameContent(Cached.of(pod().put("kind", "Other"), Pod.class))).isFalse();
    }

    @Test
    void readsAFieldWhoseNameHasASlashThroughAnEscapedPointer() {
        ObjectNode pod = pod();
        pod.withObjectProperty("metadata").putObject("annotations").put("orc.dev/gitsource", "default/apps");
        Cached<Pod> cached = Cached.of(pod, Pod.class);

        String pointer = JsonPointer.compile("/metadata/annotations").appendProperty("orc.dev/gitsource").toString();

        assertThat(cached.text(pointer)).isEqualTo("default/apps");
    }
}
