package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A JSON patch cannot grow a document past what the store takes, nor carry more operations than Kubernetes allows. */
class JsonPatchLimitsTest {
    private static final JsonNode CONFIG_MAP = Json.parse("""
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "xxxxxxxxxxxxxxxx"}}""");

    @Test
    void copiesThatDoubleTheDocumentStopPastTheStoresMaximumValueSize() {
        ArrayNode operations = Json.mapper().createArrayNode();
        for (int i = 0; i < 18; i++) {
            operations.addObject().put("op", "copy").put("from", "/data").put("path", "/data/c" + i);
        }

        assertThatThrownBy(() -> JsonPatch.apply(CONFIG_MAP, operations))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(413))
                .hasMessageContaining("JSON patch operation ")
                .hasMessageContaining("would grow the object past 1572864 bytes");
    }

    @Test
    void aFewCopiesAreApplied() {
        JsonNode patched = JsonPatch.apply(CONFIG_MAP, Json.parse("""
                [{"op": "copy", "from": "/data/a", "path": "/data/b"}, {"op": "copy", "from": "/data", "path": "/data/c"}]"""));

        assertThat(patched.path("data").path("c").path("b").asText()).isEqualTo("xxxxxxxxxxxxxxxx");
    }

    @Test
    void moreThanTenThousandOperationsAreRefusedInKubernetesWords() {
        ArrayNode operations = Json.mapper().createArrayNode();
        for (int i = 0; i <= 10_000; i++) {
            operations.addObject().put("op", "test").put("path", "/kind").put("value", "ConfigMap");
        }

        assertThatThrownBy(() -> JsonPatch.apply(CONFIG_MAP, operations))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(413))
                .hasMessage("The allowed maximum operations in a JSON patch is 10000, got 10001");
    }
}
