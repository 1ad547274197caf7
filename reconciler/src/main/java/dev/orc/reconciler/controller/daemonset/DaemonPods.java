package dev.orc.reconciler.controller.daemonset;

import dev.orc.api.apps.PodTemplateHash;
import dev.orc.api.meta.ControllerRefs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.DaemonSet;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;

/**
 * The pods a DaemonSet stamps out: its template, labelled with the template's hash, owned by the DaemonSet, with the
 * default daemon tolerations and bound straight to their node (orc does not send daemon pods through the scheduler).
 */
final class DaemonPods {
    /** The label Kubernetes puts on daemon pods to tell the template revision they were made from. */
    static final String REVISION_LABEL = "controller-revision-hash";

    private DaemonPods() {
    }

    /** The hash of the DaemonSet's current template. */
    static String revision(ObjectNode daemonSet) {
        JsonNode collisions = daemonSet.path("status").path("collisionCount");
        return PodTemplateHash.of(daemonSet.path("spec").path("template"),
                collisions.isIntegralNumber() ? collisions.intValue() : null);
    }

    static boolean current(Pod pod, String revision) {
        return revision.equals(pod.metadata().labels().get(REVISION_LABEL));
    }

    static ObjectNode forNode(ObjectNode daemonSet, DaemonSet view, String revision, String nodeName) {
        JsonNode template = daemonSet.path("spec").path("template");
        ObjectNode pod = Json.object();
        pod.put("apiVersion", Pod.API_VERSION);
        pod.put("kind", Pod.KIND);
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("generateName", view.name() + "-");
        metadata.put("namespace", view.namespace());
        ObjectNode labels = metadata.putObject("labels");
        if (template.path("metadata").path("labels") instanceof ObjectNode templateLabels) {
            labels.setAll(templateLabels.deepCopy());
        }
        labels.put(REVISION_LABEL, revision);
        if (template.path("metadata").path("annotations") instanceof ObjectNode annotations) {
            metadata.set("annotations", annotations.deepCopy());
        }
        metadata.putArray("ownerReferences").add(ControllerRefs.reference(daemonSet));
        ObjectNode spec = template.path("spec") instanceof ObjectNode templateSpec ? templateSpec.deepCopy() : Json.object();
        PodSpec typed = view.spec().template().spec();
        spec.set("tolerations", Json.tree(DaemonPlacement.tolerations(typed == null ? PodSpec.of() : typed)));
        spec.put("nodeName", nodeName);
        pod.set("spec", spec);
        return pod;
    }
}
