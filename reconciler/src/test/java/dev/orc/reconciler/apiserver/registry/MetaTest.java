package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetaTest {
    @Test
    void theStoredFormLeavesOutTheResourceVersionAndLeavesTheObjectAlone() {
        ObjectNode object = (ObjectNode) Json.parse("""
                {"kind":"Pod","metadata":{"name":"web","resourceVersion":"7","labels":{"app":"web"}},"spec":{"a":1}}""");
        ObjectNode before = object.deepCopy();

        byte[] stored = Meta.encode(object);

        assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"a\":1}}");
        assertThat(object).isEqualTo(before);
    }
}
