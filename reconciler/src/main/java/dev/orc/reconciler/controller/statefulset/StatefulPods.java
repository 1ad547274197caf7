package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apps.StatefulSetRevision;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Pod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A StatefulSet's pods and claims as Kubernetes makes them: pod {@code <set>-<ordinal>} with hostname its name and
 * subdomain the set's serviceName, labelled with its name, its index and its revision; for each volume claim
 * template a claim {@code <template>-<pod>} carrying the template's labels and the set's selector labels, mounted
 * as the template's volume.
 */
final class StatefulPods {
    private StatefulPods() {
    }

    static String podName(String set, int ordinal) {
        return set + "-" + ordinal;
    }

    /** The ordinal of a pod of {@code set} by its name, if the name is {@code <set>-<ordinal>}. */
    static OptionalInt ordinal(String set, String podName) {
        String prefix = set + "-";
        if (podName == null || !podName.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        String digits = podName.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)
                || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }

    static String claimName(String template, String set, int ordinal) {
        return template + "-" + podName(set, ordinal);
    }

    /** The names of the claims of the pod at {@code ordinal}, one per volume claim template. */
    static List<String> claimNames(ObjectNode set, int ordinal) {
        String name = set.path("metadata").path("name").asText();
        List<String> names = new ArrayList<>();
        for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
            names.add(claimName(template.path("metadata").path("name").asText(), name, ordinal));
        }
        return names;
    }

    /** The pod at {@code ordinal} from {@code template}, of revision {@code revision}. */
    static ObjectNode pod(ObjectNode set, ObjectNode template, String revision, int ordinal) {
        JsonNode setMeta = set.path("metadata");
        String name = podName(setMeta.path("name").asText(), ordinal);
        ObjectNode pod = Json.object();
        pod.put("apiVersion", Pod.API_VERSION);
        pod.put("kind", Pod.KIND);
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", setMeta.path("namespace").asText());
        ObjectNode labels = metadata.putObject("labels");
        if (template.path("metadata").path("labels") instanceof ObjectNode templateLabels) {
            labels.setAll(templateLabels.deepCopy());
        }
        labels.put(StatefulSetRevision.HASH_LABEL, revision);
        labels.put(StatefulSetRevision.POD_NAME_LABEL, name);
        labels.put(StatefulSetRevision.POD_INDEX_LABEL, Integer.toString(ordinal));
        if (template.path("metadata").path("annotations") instanceof ObjectNode annotations) {
            metadata.set("annotations", annotations.deepCopy());
        }
        metadata.putArray("ownerReferences").add(ControllerRefs.reference(set));
        ObjectNode spec = template.path("spec") instanceof ObjectNode templateSpec ? templateSpec.deepCopy() : Json.object();
        spec.put("hostname", name);
        String serviceName = set.path("spec").path("serviceName").asText("");
        if (!serviceName.isEmpty()) {
            spec.put("subdomain", serviceName);
        }
        mountClaims(set, spec, ordinal);
        pod.set("spec", spec);
        return pod;
    }

    /** Each claim template's volume, replacing a volume of the same name, names the pod's own claim. */
    private static void mountClaims(ObjectNode set, ObjectNode spec, int ordinal) {
        String setName = set.path("metadata").path("name").asText();
        ArrayNode volumes = spec.withArrayProperty("volumes");
        for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
            String volume = template.path("metadata").path("name").asText();
            for (int i = volumes.size() - 1; i >= 0; i--) {
                if (volume.equals(volumes.get(i).path("name").asText())) {
                    volumes.remove(i);
                }
            }
            ObjectNode mounted = volumes.addObject().put("name", volume);
            mounted.putObject("persistentVolumeClaim").put("claimName", claimName(volume, setName, ordinal));
        }
        if (volumes.isEmpty()) {
            spec.remove("volumes");
        }
    }

    /** The claims of the pod at {@code ordinal}, without owner references (see {@link ClaimRetention}). */
    static List<ObjectNode> claims(ObjectNode set, int ordinal) {
        JsonNode setMeta = set.path("metadata");
        String setName = setMeta.path("name").asText();
        List<ObjectNode> claims = new ArrayList<>();
        for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
            ObjectNode claim = Json.object();
            claim.put("apiVersion", PersistentVolumeClaim.API_VERSION);
            claim.put("kind", PersistentVolumeClaim.KIND);
            ObjectNode metadata = claim.putObject("metadata");
            metadata.put("name", claimName(template.path("metadata").path("name").asText(), setName, ordinal));
            metadata.put("namespace", setMeta.path("namespace").asText());
            ObjectNode labels = metadata.putObject("labels");
            if (template.path("metadata").path("labels") instanceof ObjectNode templateLabels) {
                labels.setAll(templateLabels.deepCopy());
            }
            for (Map.Entry<String, JsonNode> label : set.path("spec").path("selector").path("matchLabels").properties()) {
                labels.set(label.getKey(), label.getValue().deepCopy());
            }
            if (template.path("metadata").path("annotations") instanceof ObjectNode annotations) {
                metadata.set("annotations", annotations.deepCopy());
            }
            claim.set("spec", template.path("spec") instanceof ObjectNode spec ? spec.deepCopy() : Json.object());
            claims.add(claim);
        }
        return claims;
    }
}
