package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pod a drain must move: its namespace, name and uid, the kind of its controller (empty when none), and whether
 * it keeps data in an emptyDir volume that leaves with it.
 */
record DrainPod(String namespace, String name, String uid, String controllerKind, boolean emptyDir) {
    String label() {
        return namespace + "/" + name;
    }

    boolean daemonSet() {
        return controllerKind.equals("DaemonSet");
    }

    boolean unmanaged() {
        return controllerKind.isEmpty();
    }

    /** The pods bound to {@code node}. */
    static List<DrainPod> onNode(ApiClient api, String node) {
        List<DrainPod> pods = new ArrayList<>();
        ListOptions onNode = ListOptions.fieldSelector("spec.nodeName=" + node);
        for (JsonNode pod : api.listAll(ResourceTypes.POD, null, onNode).path("items")) {
            JsonNode metadata = pod.path("metadata");
            String controller = "";
            for (JsonNode ref : metadata.path("ownerReferences")) {
                if (ref.path("controller").asBoolean(false)) {
                    controller = ref.path("kind").asText();
                }
            }
            boolean emptyDir = false;
            for (JsonNode volume : pod.path("spec").path("volumes")) {
                emptyDir |= volume.has("emptyDir");
            }
            pods.add(new DrainPod(metadata.path("namespace").asText(), metadata.path("name").asText(),
                    metadata.path("uid").asText(), controller, emptyDir));
        }
        return pods;
    }

    /** Whether this pod, as the drain found it, is still there (not gone, not replaced by one of the same name). */
    boolean stillThere(ApiClient api) {
        try {
            return api.get(ResourceTypes.POD, namespace, name).path("metadata").path("uid").asText().equals(uid);
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    static String labels(List<DrainPod> pods) {
        return pods.stream().map(DrainPod::label).collect(Collectors.joining(", "));
    }
}
