package dev.orc.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoundTripTest {

    static Stream<ObjectNode> fullObjects() {
        return Stream.concat(Fixtures.resource("core.yaml").stream(), Fixtures.resource("workloads.yaml").stream());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("fullObjects")
    void everyModelledFieldSurvivesAViewAndBackFromYaml(ObjectNode tree) {
        KubeObject view = Json.convert(tree, Fixtures.VIEWS.get(tree.get("kind").asText()));

        assertThat(Fixtures.normalized(view)).isEqualTo(Fixtures.normalized(tree));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("fullObjects")
    void everyModelledFieldSurvivesJsonTextAndYamlText(ObjectNode tree) {
        Class<? extends KubeObject> type = Fixtures.VIEWS.get(tree.get("kind").asText());
        KubeObject fromJson = Json.convert(Json.parse(Json.write(tree)), type);
        Object asYamlValue = Json.mapper().convertValue(fromJson, Object.class);
        ObjectNode backFromYaml = Fixtures.yaml(new Yaml().dump(asYamlValue));

        assertThat(Fixtures.normalized(Json.convert(backFromYaml, type))).isEqualTo(Fixtures.normalized(tree));
    }

    @Test
    void mapsKeepTheOrderTheyWereWrittenIn() {
        ObjectNode tree = Fixtures.resource("core.yaml").getFirst();
        Pod pod = Json.convert(tree, Pod.class);

        assertThat(pod.metadata().labels().keySet()).containsExactly("zeta", "app", "pod-template-hash");
        assertThat(pod.spec().containers().getFirst().resources().requests().keySet()).containsExactly("cpu", "memory");
        assertThat(fieldNames(Json.tree(pod).get("metadata").get("labels")))
                .containsExactly("zeta", "app", "pod-template-hash");
    }

    @Test
    void fieldsTheViewDoesNotModelAreIgnoredNotRejected() {
        ObjectNode tree = Fixtures.yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, managedFields: [{manager: kubectl}]}
                spec:
                  securityContext: {runAsUser: 1000}
                  containers:
                    - name: c
                      image: busybox
                      securityContext: {privileged: false}
                      lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
                """);

        Pod pod = Json.convert(tree, Pod.class);

        assertThat(pod.spec().containers()).extracting(Container::image).containsExactly("busybox");
        assertThat(Json.tree(pod).get("spec").get("containers").get(0).has("lifecycle")).isFalse();
        assertThat(pod.spec().securityContext().runAsUser()).isEqualTo(1000L);
        assertThat(pod.spec().containers().getFirst().securityContext().privileged()).isFalse();
    }

    @Test
    void absentCollectionsReadAsEmptyAndAreLeftOutWhenWritten() {
        Pod pod = Json.convert(Fixtures.yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: i}]}}"), Pod.class);

        assertThat(pod.metadata().labels()).isEmpty();
        assertThat(pod.spec().tolerations()).isEmpty();
        assertThat(pod.spec().containers().getFirst().env()).isEmpty();
        assertThat(Json.write(pod)).isEqualTo(
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");
    }

    @Test
    void viewsAreImmutable() {
        Pod pod = Json.convert(Fixtures.resource("core.yaml").getFirst(), Pod.class);

        assertThatThrownBy(() -> pod.metadata().labels().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> pod.spec().containers().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withersChangeOneThingAndLeaveTheOriginalAlone() {
        Pod pod = Json.convert(Fixtures.resource("core.yaml").getFirst(), Pod.class);

        Pod bound = pod.withNodeName("node-2").withMetadata(pod.metadata().withLabel("extra", "1"));

        assertThat(bound.nodeName()).isEqualTo("node-2");
        assertThat(pod.nodeName()).isEqualTo("node-1");
        assertThat(bound.metadata().labels().keySet()).containsExactly("zeta", "app", "pod-template-hash", "extra");
        assertThat(bound.spec().containers()).isEqualTo(pod.spec().containers());
    }

    @Test
    void quantitiesAndIntOrStringsAreTypedInTheView() {
        Pod pod = Json.convert(Fixtures.resource("core.yaml").getFirst(), Pod.class);
        Container web = pod.spec().containers().getFirst();

        assertThat(web.resources().requests().get("cpu").milliValue()).isEqualTo(250);
        assertThat(web.resources().limits().get("cpu").milliValue()).isEqualTo(1000);
        assertThat(web.resources().limits().get("memory").value()).isEqualTo(1L << 30);
        assertThat(web.livenessProbe().httpGet().port()).isEqualTo(IntOrString.of("http"));
        assertThat(web.readinessProbe().tcpSocket().port()).isEqualTo(IntOrString.of(8080));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }
}
