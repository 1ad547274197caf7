package dev.orc.api.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/**
 * What a StatefulSet's ControllerRevisions hold, as Kubernetes' StatefulSet controller writes them: the pod template
 * as a strategic merge patch, {@code {"spec":{"template":{..., "$patch":"replace"}}}}, named {@code <set>-<hash>}
 * with the hash in the {@code controller-revision-hash} label; a pod carries the name of its revision in that label.
 */
public final class StatefulSetRevision {
    public static final String HASH_LABEL = "controller-revision-hash";
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    private static final String REPLACE = "$patch";

    private StatefulSetRevision() {
    }

    /** The revision data of a pod template. */
    public static ObjectNode data(JsonNode template) {
        ObjectNode copy = template != null && template.isObject() ? (ObjectNode) template.deepCopy() : Json.object();
        copy.put(REPLACE, "replace");
        ObjectNode data = Json.object();
        data.putObject("spec").set("template", copy);
        return data;
    }

    /** The pod template a revision's data holds. */
    public static ObjectNode template(JsonNode data) {
        JsonNode template = data == null ? null : data.path("spec").path("template");
        ObjectNode copy = template != null && template.isObject() ? (ObjectNode) template.deepCopy() : Json.object();
        copy.remove(REPLACE);
        return copy;
    }

    /** The name of the revision of {@code set}'s template at {@code collisionCount}. */
    public static String name(String set, JsonNode template, Integer collisionCount) {
        return set + "-" + hash(template, collisionCount);
    }

    public static String hash(JsonNode template, Integer collisionCount) {
        return PodTemplateHash.of(template, collisionCount);
    }
}
