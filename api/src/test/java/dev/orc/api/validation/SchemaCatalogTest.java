package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCatalogTest {
    private final SchemaCatalog catalog = SchemaCatalog.load();

    @Test
    void everyKindHasItsOwnSchemaFileWithAMatchingId() {
        for (ResourceType type : ResourceTypes.all()) {
            JsonNode document = catalog.document(type);

            assertThat(document).as(type.kind()).isNotNull();
            assertThat(document.path("$id").asText()).isEqualTo(SchemaCatalog.BASE_URI + SchemaCatalog.fileName(type));
            assertThat(document.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(document.path("properties").path("kind").path("const").asText()).isEqualTo(type.kind());
            assertThat(document.path("properties").path("apiVersion").path("const").asText()).isEqualTo(type.apiVersion());
        }
    }

    @Test
    void fileNamesFollowApiVersionAndKind() {
        assertThat(SchemaCatalog.fileName(ResourceTypes.POD)).isEqualTo("v1.Pod.json");
        assertThat(SchemaCatalog.fileName(ResourceTypes.DEPLOYMENT)).isEqualTo("apps.v1.Deployment.json");
        assertThat(SchemaCatalog.fileName(ResourceTypes.GIT_SOURCE)).isEqualTo("orc.dev.v1.GitSource.json");
    }

    @Test
    void everyPatternExplainsItselfInWords() {
        List<String> unexplained = new ArrayList<>();
        for (ResourceType type : ResourceTypes.all()) {
            collectUnexplainedPatterns(catalog.document(type), type.kind(), unexplained);
        }
        collectUnexplainedPatterns(sharedDefinitions(), "_defs", unexplained);

        assertThat(unexplained).isEmpty();
    }

    @Test
    void everyPatternCompiles() {
        List<JsonNode> patterns = sharedDefinitions().findValues("pattern");

        assertThat(patterns).isNotEmpty();
        patterns.forEach(pattern -> Pattern.compile(pattern.asText()));
    }

    private JsonNode sharedDefinitions() {
        return catalog.node(com.networknt.schema.SchemaLocation.of(SchemaCatalog.BASE_URI + "_defs.json")).orElseThrow();
    }

    private static void collectUnexplainedPatterns(JsonNode node, String where, List<String> out) {
        if (node.isObject()) {
            if (node.has("pattern") && node.get("pattern").isTextual() && !node.has(SchemaCatalog.MESSAGE_KEYWORD)) {
                out.add(where);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collectUnexplainedPatterns(field.getValue(), where + "/" + field.getKey(), out);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectUnexplainedPatterns(element, where, out));
        }
    }
}
