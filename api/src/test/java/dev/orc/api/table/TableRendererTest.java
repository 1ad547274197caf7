package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableRendererTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final TableFormat V1 = new TableFormat("meta.k8s.io/v1");

    static List<ResourceType> kinds() {
        return ResourceTypes.all();
    }

    private static ObjectNode object(String name) {
        return (ObjectNode) Json.parse("""
                {"metadata":{"name":"%s","namespace":"ns","resourceVersion":"7","creationTimestamp":"2024-05-01T11:59:00Z"}}"""
                .formatted(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindHasATableWithACellPerColumnAndItsObjectsMetadata(ResourceType type) {
        ObjectNode list = Json.object();
        list.putObject("metadata").put("resourceVersion", "9").put("continue", "next");
        list.putArray("items").add(object("a")).add(object("b"));

        JsonNode table = new TableRenderer(type, V1, TableRenderer.Include.METADATA).list(list, NOW);

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo("9");
        assertThat(table.at("/metadata/continue").asText()).isEqualTo("next");
        List<String> names = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).isEqualTo(Columns.of(type).stream().map(Column::name).toList());
        assertThat(table.path("rows")).hasSize(2);
        for (JsonNode row : table.path("rows")) {
            assertThat(row.path("cells")).hasSize(names.size());
            assertThat(row.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
            assertThat(row.at("/object/metadata/namespace").asText()).isEqualTo("ns");
        }
        if (!type.equals(ResourceTypes.EVENT)) {
            assertThat(names.getFirst()).isEqualTo("Name");
            assertThat(table.at("/columnDefinitions/0/format").asText()).isEqualTo("name");
            assertThat(table.at("/rows/1/cells/0").asText()).isEqualTo("b");
        }
    }

    @Test
    void podsHaveKubectlsColumnsWithTheWideOnesAtPriorityOneAndRestartsAsANumber() {
        ObjectNode pod = (ObjectNode) Json.parse("""
                {"metadata":{"name":"web-1","creationTimestamp":"2024-05-01T11:55:00Z"},
                 "spec":{"nodeName":"n1","containers":[{"name":"a"}],"readinessGates":[{"conditionType":"x/ok"}]},
                 "status":{"phase":"Running","podIP":"10.1.0.4","conditions":[{"type":"x/ok","status":"True"}],
                   "containerStatuses":[{"name":"a","ready":true,"restartCount":4,"state":{"running":{}}}]}}""");

        JsonNode table = new TableRenderer(ResourceTypes.POD, V1, TableRenderer.Include.NONE).object(pod, NOW);

        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText() + ":" + c.path("priority").asInt()));
        assertThat(columns).containsExactly("Name:0", "Ready:0", "Status:0", "Restarts:0", "Age:0", "IP:1", "Node:1",
                "Nominated Node:1", "Readiness Gates:1");
        assertThat(table.at("/rows/0/cells").toString())
                .isEqualTo("[\"web-1\",\"1/1\",\"Running\",4,\"5m\",\"10.1.0.4\",\"n1\",\"<none>\",\"1/1\"]");
        assertThat(table.at("/rows/0").has("object")).isFalse();
    }

    @Test
    void includeObjectGivesTheWholeObjectWithItsKind() {
        JsonNode table = new TableRenderer(ResourceTypes.CONFIG_MAP, V1, TableRenderer.Include.OBJECT)
                .object(object("settings").put("data", "x"), NOW);

        assertThat(table.at("/rows/0/object/kind").asText()).isEqualTo("ConfigMap");
        assertThat(table.at("/rows/0/object/apiVersion").asText()).isEqualTo("v1");
        assertThat(table.at("/rows/0/object/metadata/name").asText()).isEqualTo("settings");
        assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo("7");
    }

    @Test
    void includeObjectRefusesWhatKubernetesDoesNotKnow() {
        assertThatThrownBy(() -> TableRenderer.Include.parse("All"))
                .hasMessageContaining("includeObject must be None, Metadata or Object, got \"All\"");
    }

    @Test
    void theFirstAcceptableMediaRangeDecides() {
        assertThat(TableFormat.fromAccept("application/json;as=Table;v=v1;g=meta.k8s.io,application/json"))
                .contains(V1);
        assertThat(TableFormat.fromAccept("application/json;as=Table;v=v1beta1;g=meta.k8s.io"))
                .contains(new TableFormat("meta.k8s.io/v1beta1"));
        assertThat(TableFormat.fromAccept("application/json;as=Table;v=v2;g=meta.k8s.io, application/json;as=Table;g=meta.k8s.io;v=v1"))
                .contains(V1);
        assertThat(TableFormat.fromAccept("application/json, application/json;as=Table;v=v1;g=meta.k8s.io")).isEmpty();
        assertThat(TableFormat.fromAccept("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json"))
                .isEmpty();
        assertThat(TableFormat.fromAccept(null)).isEmpty();
        assertThat(TableFormat.fromAccept("*/*")).isEmpty();
    }
}
