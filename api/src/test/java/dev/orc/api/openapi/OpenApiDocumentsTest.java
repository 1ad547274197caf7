package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.validation.SchemaCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** orc's JSON Schemas turned into the OpenAPI v3 documents kube-apiserver would serve. */
class OpenApiDocumentsTest {
    private static final Map<String, ObjectNode> DOCUMENTS = OpenApiDocuments.standard().byPath();

    private static JsonNode schema(String path, String component) {
        JsonNode schema = DOCUMENTS.get(path).path("components").path("schemas").path(component);
        assertThat(schema.isObject()).as(component + " in " + path).isTrue();
        return schema;
    }

    @Test
    void everyGroupVersionHasADocumentWithItsKindsMarkedByGroupVersionKind() {
        assertThat(DOCUMENTS).containsOnlyKeys("api/v1", "apis/apps/v1", "apis/batch/v1", "apis/policy/v1",
                "apis/networking.k8s.io/v1", "apis/coordination.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1",
                "apis/orc.dev/v1");
        JsonNode deployment = schema("apis/apps/v1", "io.k8s.api.apps.v1.Deployment");
        assertThat(deployment.path("x-kubernetes-group-version-kind")).isEqualTo(Json.parse(
                "[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]"));
        assertThat(schema("api/v1", "io.k8s.api.core.v1.Pod").path("x-kubernetes-group-version-kind").path(0)
                .path("group").asText()).isEmpty();
        assertThat(schema("apis/orc.dev/v1", "dev.orc.v1.GitSource").path("x-kubernetes-group-version-kind").path(0)
                .path("group").asText()).isEqualTo("orc.dev");
    }

    @Test
    void fieldsOfSharedDefinitionsReferToComponentsNamedAsKubernetesNamesThem() {
        JsonNode spec = schema("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec");

        assertThat(spec.path("properties").path("strategy").path("allOf").path(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy");
        assertThat(spec.path("properties").path("selector").path("allOf").path(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector");
        assertThat(spec.path("properties").path("template").path("allOf").path(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec");
        assertThat(spec.path("required")).isEqualTo(Json.parse("[\"selector\",\"template\"]"));
        assertThat(schema("apis/apps/v1", "io.k8s.api.apps.v1.Deployment").path("properties").path("metadata")
                .path("allOf").path(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    }

    @Test
    void everyReferenceResolvesInsideItsOwnDocument() {
        DOCUMENTS.forEach((path, document) -> {
            JsonNode schemas = document.path("components").path("schemas");
            for (String ref : document.findValuesAsText("$ref")) {
                assertThat(schemas.has(ref.substring("#/components/schemas/".length()))).as(path + ": " + ref).isTrue();
            }
        });
        assertThat(DOCUMENTS.get("apis/apps/v1").path("components").path("schemas").has("io.k8s.api.core.v1.Container"))
                .isTrue();
    }

    @Test
    void descriptionsComeFromTheSchemasAndAReferenceWithOneIsWrappedInAllOf() {
        JsonNode strategy = schema("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentStrategy");

        assertThat(strategy.path("description").asText()).isEqualTo("How a Deployment replaces existing pods with new ones.");
        assertThat(strategy.path("properties").path("type").path("description").asText()).contains("Recreate");
        assertThat(strategy.path("properties").path("type").path("enum")).isEqualTo(Json.parse("[\"RollingUpdate\",\"Recreate\"]"));
        JsonNode field = schema("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec").path("properties").path("strategy");
        assertThat(field.path("description").asText()).isEqualTo("How new pods replace old ones.");
        assertThat(field.has("$ref")).isFalse();
        assertThat(schema("apis/apps/v1", "io.k8s.api.apps.v1.Deployment").path("description").asText())
                .startsWith("Deployment");
    }

    @Test
    void intOrStringAndQuantityAreKubernetesOwnComponents() {
        JsonNode rollingUpdate = schema("apis/apps/v1", "io.k8s.api.apps.v1.RollingUpdateDeployment");
        assertThat(rollingUpdate.path("properties").path("maxSurge").path("allOf").path(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        JsonNode intOrString = schema("apis/apps/v1", ComponentNames.INT_OR_STRING);
        assertThat(intOrString.has("type")).isFalse();
        assertThat(intOrString.path("oneOf")).isEqualTo(Json.parse("[{\"type\":\"integer\"},{\"type\":\"string\"}]"));
        assertThat(intOrString.path("format").asText()).isEqualTo("int-or-string");
        assertThat(schema("api/v1", ComponentNames.QUANTITY).path("oneOf"))
                .isEqualTo(Json.parse("[{\"type\":\"string\"},{\"type\":\"number\"}]"));

        JsonNode limits = schema("api/v1", "io.k8s.api.core.v1.ResourceRequirements").path("properties").path("limits");
        assertThat(limits.path("type").asText()).isEqualTo("object");
        assertThat(limits.path("additionalProperties").path("$ref").asText())
                .isEqualTo("#/components/schemas/" + ComponentNames.QUANTITY);
    }

    @Test
    void mapsKeepTheirValueTypeAndConstBecomesAnEnum() {
        JsonNode labels = schema("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").path("properties").path("labels");
        assertThat(labels.path("type").asText()).isEqualTo("object");
        assertThat(labels.path("additionalProperties").path("type").asText()).isEqualTo("string");
        assertThat(schema("api/v1", "io.k8s.api.core.v1.ConfigMap").path("properties").path("kind").path("enum"))
                .isEqualTo(Json.parse("[\"ConfigMap\"]"));
    }

    @Test
    void ignoredFieldsSayTheyAreIgnoredAndOpenObjectsKeepUnknownFields() {
        JsonNode affinity = schema("api/v1", "io.k8s.api.core.v1.Affinity").path("properties").path("podAffinity");

        assertThat(affinity.path("description").asText()).contains(SchemaConverter.IGNORED_NOTE);
        assertThat(affinity.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(affinity.has("x-orc-ignored")).isFalse();
    }

    @Test
    void noJsonSchemaOnlyKeywordIsLeft() {
        List<String> found = new ArrayList<>();
        DOCUMENTS.forEach((path, document) -> collectForeign(document.path("components"), path, found));

        assertThat(found).isEmpty();
    }

    private static void collectForeign(JsonNode node, String where, List<String> found) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (List.of("const", "$defs", "not", "pattern", "propertyNames", "x-orc-message", "x-orc-ignored", "title")
                        .contains(field.getKey()) || field.getKey().equals("type") && field.getValue().isArray()) {
                    found.add(where + "/" + field.getKey());
                }
                collectForeign(field.getValue(), where + "/" + field.getKey(), found);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectForeign(element, where, found));
        }
    }

    @Test
    void aReferenceOutsideTheDefinitionsIsRefusedNamingTheFile() {
        Map<String, JsonNode> sources = new LinkedHashMap<>(SchemaCatalog.sources());
        ObjectNode pod = (ObjectNode) sources.get("v1.Pod.json").deepCopy();
        ((ObjectNode) pod.path("properties").path("spec")).put("$ref", "_defs.json#/properties/x");
        sources.put("v1.Pod.json", pod);

        assertThatThrownBy(() -> OpenApiDocuments.of(sources)).hasMessageContaining("v1.Pod.json")
                .hasMessageContaining("_defs.json#/properties/x");
    }

    @Test
    void pathsCarryOnlyGetOperationsMarkedWithTheKindSoKubectlKeepsItsPatchesAndValidation() {
        JsonNode paths = DOCUMENTS.get("apis/apps/v1").path("paths");

        JsonNode read = paths.path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
        assertThat(read.path("get").path("x-kubernetes-group-version-kind")).isEqualTo(Json.parse(
                "{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}"));
        assertThat(read.path("get").path("responses").path("200").path("content").path("application/json")
                .path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.Deployment");
        assertThat(paths.path("/apis/apps/v1/namespaces/{namespace}/deployments").path("get").path("x-kubernetes-action")
                .asText()).isEqualTo("list");
        assertThat(DOCUMENTS.get("api/v1").path("paths").has("/api/v1/nodes/{name}")).isTrue();
        DOCUMENTS.values().forEach(document -> document.path("paths").forEach(path ->
                assertThat(path.properties()).extracting(Map.Entry::getKey).containsOnly("get")));
    }

    @Test
    void theKindOfEveryTypeIsInItsDocument() {
        ResourceTypes.all().forEach(type -> schema(OpenApiDocuments.path(type), ComponentNames.kind(type)));
    }
}
