package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SwaggerDocumentTest {
    private static final ObjectNode DOCUMENT = SwaggerDocument.standard();
    private static final JsonNode DEFINITIONS = DOCUMENT.path("definitions");

    private static JsonNode definition(String name) {
        return DEFINITIONS.path(name);
    }

    @Test
    void everyKindIsADefinitionMarkedWithItsGroupVersionKind() {
        assertThat(DOCUMENT.path("swagger").asText()).isEqualTo("2.0");
        ResourceTypes.all().forEach(type -> assertThat(definition(ComponentNames.kind(type))
                .path("x-kubernetes-group-version-kind")).as(type.kind())
                .containsExactly(Json.parse("{\"group\":\"" + type.group() + "\",\"kind\":\"" + type.kind()
                        + "\",\"version\":\"" + type.version() + "\"}")));
    }

    @Test
    void everyReferenceNamesADefinitionAndNoV3KeywordIsLeft() {
        List<String> refs = DOCUMENT.findValuesAsText("$ref");
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/definitions/");
            assertThat(DEFINITIONS.has(ref.substring("#/definitions/".length()))).as(ref).isTrue();
        });
        assertThat(DOCUMENT.findValues("allOf")).isEmpty();
        assertThat(DOCUMENT.findValues("oneOf")).isEmpty();
        assertThat(DOCUMENT.findValues("nullable")).isEmpty();
        assertThat(DOCUMENT.has("components")).isFalse();
    }

    @Test
    void everyListSaysWhatItsItemsAre() {
        assertThat(DOCUMENT.findParents("type")).filteredOn(schema -> schema.path("type").asText().equals("array"))
                .isNotEmpty().allSatisfy(list -> assertThat(list.path("items").isObject()).as(list.toString()).isTrue());
        assertThat(definition("io.k8s.api.core.v1.Container").at("/properties/resizePolicy/items").isObject()).isTrue();
    }

    @Test
    void aDescribedReferenceKeepsItsDescriptionBesideTheReference() {
        JsonNode strategy = definition("io.k8s.api.apps.v1.DeploymentSpec").at("/properties/strategy");
        assertThat(strategy.path("$ref").asText()).isEqualTo("#/definitions/io.k8s.api.apps.v1.DeploymentStrategy");
        assertThat(strategy.path("description").asText()).isNotEmpty();
    }

    @Test
    void intOrStringAndQuantityAreStringsOfTheirFormat() {
        assertThat(definition(ComponentNames.INT_OR_STRING).path("type").asText()).isEqualTo("string");
        assertThat(definition(ComponentNames.INT_OR_STRING).path("format").asText()).isEqualTo("int-or-string");
        assertThat(definition(ComponentNames.QUANTITY).path("type").asText()).isEqualTo("string");
    }

    @Test
    void listsKubernetesMergesByItemCarryTheirMergeKey() {
        JsonNode pod = definition("io.k8s.api.core.v1.PodSpec").path("properties");
        assertThat(pod.at("/containers/x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(pod.at("/containers/x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
        JsonNode container = definition("io.k8s.api.core.v1.Container").path("properties");
        assertThat(container.at("/ports/x-kubernetes-patch-merge-key").asText()).isEqualTo("containerPort");
        assertThat(container.at("/env/x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(container.at("/volumeMounts/x-kubernetes-patch-merge-key").asText()).isEqualTo("mountPath");
        assertThat(container.at("/command").has("x-kubernetes-patch-merge-key")).isFalse();
        assertThat(definition("io.k8s.api.core.v1.ServiceSpec").at("/properties/ports/x-kubernetes-patch-merge-key").asText())
                .isEqualTo("port");
    }

    @Test
    void everyKindHasItsCollectionAndObjectPathsWithTheirGets() {
        List<String> expected = new ArrayList<>();
        ResourceTypes.all().forEach(type -> {
            String namespace = type.namespaced() ? "{namespace}" : null;
            expected.add(type.path(namespace, null));
            expected.add(type.path(namespace, "{name}"));
        });
        List<String> paths = new ArrayList<>();
        DOCUMENT.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode read = DOCUMENT.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("get");
        assertThat(read.at("/responses/200/schema/$ref").asText()).isEqualTo("#/definitions/io.k8s.api.apps.v1.Deployment");
        assertThat(read.at("/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Deployment");
        assertThat(read.path("x-kubernetes-action").asText()).isEqualTo("read");
    }
}
