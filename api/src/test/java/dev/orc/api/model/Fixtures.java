package dev.orc.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixtures: YAML documents read into JSON trees (in written order), and views by kind. */
final class Fixtures {
    static final Map<String, Class<? extends KubeObject>> VIEWS = Map.ofEntries(
            Map.entry("Pod", Pod.class), Map.entry("Service", Service.class), Map.entry("Endpoints", Endpoints.class),
            Map.entry("ConfigMap", ConfigMap.class), Map.entry("Secret", Secret.class),
            Map.entry("ServiceAccount", ServiceAccount.class), Map.entry("Node", Node.class),
            Map.entry("Event", Event.class), Map.entry("Namespace", Namespace.class),
            Map.entry("Deployment", Deployment.class), Map.entry("ReplicaSet", ReplicaSet.class),
            Map.entry("DaemonSet", DaemonSet.class), Map.entry("Job", Job.class), Map.entry("CronJob", CronJob.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("StatefulSet", StatefulSet.class), Map.entry("ControllerRevision", ControllerRevision.class),
            Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("Ingress", Ingress.class), Map.entry("IngressClass", IngressClass.class),
            Map.entry("GitSource", GitSource.class), Map.entry("Lease", Lease.class), Map.entry("Role", Role.class),
            Map.entry("ClusterRole", ClusterRole.class), Map.entry("RoleBinding", RoleBinding.class),
            Map.entry("ClusterRoleBinding", ClusterRoleBinding.class));

    /** Keeps explicit nulls, which orc's own mapper would leave out when writing a map. */
    private static final ObjectMapper YAML_TO_TREE = new ObjectMapper();

    private Fixtures() {
    }

    static List<ObjectNode> resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/model/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /model/" + name);
            }
            return yamlDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> yamlDocuments(String text) {
        List<ObjectNode> out = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            out.add((ObjectNode) YAML_TO_TREE.valueToTree(doc));
        }
        return out;
    }

    static ObjectNode yaml(String text) {
        return yamlDocuments(text).getFirst();
    }

    /** Normalises number node types (int vs long) by going through JSON text. */
    static JsonNode normalized(Object value) {
        return Json.parse(Json.write(value));
    }
}
