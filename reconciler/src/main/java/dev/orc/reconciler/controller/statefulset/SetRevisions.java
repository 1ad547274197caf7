package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apps.StatefulSetRevision;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.model.ControllerRevision;
import dev.orc.api.model.KubeObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A StatefulSet's revisions, as Kubernetes' controller history keeps them: the update revision is the revision whose
 * data equals the set's template (an older one is renumbered to be the newest; none, and one is made, named
 * {@code <set>-<hash>} with the set's annotations (a change-cause among them), the collision count growing while
 * that name is another's); the current revision is the one
 * status.currentRevision names, else the update revision; history past revisionHistoryLimit that no pod uses goes.
 */
record SetRevisions(String current, ObjectNode currentTemplate, String update, int collisionCount,
                    Optional<ObjectNode> create, Optional<ObjectNode> renumber) {

    /**
     * @param set       the StatefulSet
     * @param owned     the revisions it controls
     * @param takenNames the names of every revision of its namespace
     */
    static SetRevisions resolve(ObjectNode set, List<ControllerRevision> owned, Set<String> takenNames) {
        String name = set.path("metadata").path("name").asText();
        JsonNode template = set.path("spec").path("template");
        ObjectNode data = StatefulSetRevision.data(template);
        int collisions = set.path("status").path("collisionCount").asInt(0);
        List<ControllerRevision> history = sorted(owned);
        long next = history.isEmpty() ? 1 : history.getLast().revisionOrZero() + 1;
        Optional<ControllerRevision> equal = history.stream().filter(r -> Json.same(r.data(), data))
                .reduce((first, second) -> second);
        String update;
        Optional<ObjectNode> create = Optional.empty();
        Optional<ObjectNode> renumber = Optional.empty();
        if (equal.isPresent()) {
            update = equal.get().name();
            if (!equal.get().name().equals(history.getLast().name())) {
                ObjectNode moved = (ObjectNode) Json.tree(equal.get());
                moved.put("revision", next);
                renumber = Optional.of(moved);
            }
        } else {
            while (takenNames.contains(StatefulSetRevision.name(name, template, collisions))) {
                collisions++;
            }
            update = StatefulSetRevision.name(name, template, collisions);
            create = Optional.of(revision(set, update, StatefulSetRevision.hash(template, collisions), data, next));
        }
        String wanted = set.path("status").path("currentRevision").asText("");
        Optional<ControllerRevision> current = history.stream().filter(r -> r.name().equals(wanted)).findFirst();
        String currentName = current.map(KubeObject::name).orElse(update);
        ObjectNode currentTemplate = current.map(r -> StatefulSetRevision.template(r.data()))
                .orElse(((ObjectNode) template).deepCopy());
        return new SetRevisions(currentName, currentTemplate, update, collisions, create, renumber);
    }

    /**
     * The names of revisions to delete: the oldest of those that are neither current, nor the update revision, nor
     * the revision of a pod, beyond {@code limit}.
     */
    static List<String> expired(List<ControllerRevision> owned, Set<String> live, int limit) {
        List<String> idle = sorted(owned).stream().map(KubeObject::name).filter(n -> !live.contains(n)).toList();
        return new ArrayList<>(idle.subList(0, Math.max(0, idle.size() - limit)));
    }

    private static List<ControllerRevision> sorted(List<ControllerRevision> revisions) {
        return revisions.stream().sorted(Comparator.comparingLong(ControllerRevision::revisionOrZero)
                .thenComparing(KubeObject::name)).toList();
    }

    private static ObjectNode revision(ObjectNode set, String name, String hash, ObjectNode data, long number) {
        ObjectNode revision = Json.object();
        revision.put("apiVersion", ControllerRevision.API_VERSION);
        revision.put("kind", ControllerRevision.KIND);
        ObjectNode metadata = revision.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", set.path("metadata").path("namespace").asText());
        ObjectNode labels = metadata.putObject("labels");
        if (set.path("spec").path("template").path("metadata").path("labels") instanceof ObjectNode templateLabels) {
            labels.setAll(templateLabels.deepCopy());
        }
        labels.put(StatefulSetRevision.HASH_LABEL, hash);
        if (set.path("metadata").path("annotations") instanceof ObjectNode annotations && !annotations.isEmpty()) {
            metadata.set("annotations", annotations.deepCopy());
        }
        metadata.putArray("ownerReferences").add(ControllerRefs.reference(set));
        revision.set("data", data);
        revision.put("revision", number);
        return revision;
    }
}
