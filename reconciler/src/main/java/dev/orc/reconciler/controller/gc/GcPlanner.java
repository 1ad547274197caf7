package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The garbage collector's decisions for one object, as Kubernetes' makes them.
 * <ul>
 * <li>As an owner being deleted in the foreground (finalizer {@code foregroundDeletion}): once no dependent that
 * blocks owner deletion remains, the finalizer goes (and with it the owner).</li>
 * <li>As an owner being deleted with Orphan (finalizer {@code orphan}): its dependents lose their reference to it,
 * then the finalizer goes.</li>
 * <li>As a dependent: when all its owners are gone it is deleted (in the foreground if an owner waits for it);
 * when some owner remains, references to gone or foreground-deleting owners are removed.</li>
 * <li>As a namespace being deleted: everything in it is deleted, then its {@code kubernetes} finalizer is cleared
 * and the namespace itself deleted.</li>
 * </ul>
 */
public final class GcPlanner {
    public static final String FOREGROUND = "foregroundDeletion";
    public static final String ORPHAN = "orphan";
    public static final String NAMESPACE_FINALIZER = "kubernetes";

    private GcPlanner() {
    }

    /** An object with its kind. */
    public record Typed(ResourceType type, ObjectNode object) {
        String uid() {
            return object.path("metadata").path("uid").asText();
        }
    }

    /**
     * @param subject    the object reconciled
     * @param dependents the objects whose ownerReferences name the subject's uid
     * @param owners     the state of each owner the subject references, by uid
     * @param contents   for a namespace, every object in it; otherwise empty
     */
    public static List<GcAction> plan(Typed subject, List<Typed> dependents, Map<String, OwnerState> owners,
                                      List<Typed> contents) {
        ObjectNode object = subject.object();
        List<String> finalizers = strings(object.path("metadata").path("finalizers"));
        boolean deleting = object.path("metadata").hasNonNull("deletionTimestamp");
        List<GcAction> actions = new ArrayList<>();
        if (deleting && finalizers.contains(FOREGROUND)) {
            boolean blocked = dependents.stream().anyMatch(d -> blocksOwnerDeletion(d.object(), subject.uid()));
            if (!blocked) {
                actions.add(new GcAction.Update(subject.type(), withoutFinalizer(object, FOREGROUND)));
            }
            return actions;
        }
        if (deleting && finalizers.contains(ORPHAN)) {
            for (Typed dependent : dependents) {
                actions.add(new GcAction.Update(dependent.type(), ControllerRefs.released(dependent.object(), subject.uid())));
            }
            actions.add(new GcAction.Update(subject.type(), withoutFinalizer(object, ORPHAN)));
            return actions;
        }
        if (subject.type() == ResourceTypes.NAMESPACE) {
            return namespace(subject, deleting, contents);
        }
        if (!deleting) {
            actions.addAll(asDependent(subject, owners));
        }
        return actions;
    }

    private static List<GcAction> asDependent(Typed subject, Map<String, OwnerState> owners) {
        List<String> refs = new ArrayList<>();
        subject.object().path("metadata").path("ownerReferences").forEach(ref -> refs.add(ref.path("uid").asText()));
        if (refs.isEmpty()) {
            return List.of();
        }
        Predicate<String> solid = uid -> owners.getOrDefault(uid, OwnerState.SOLID) == OwnerState.SOLID;
        List<String> leaving = refs.stream().filter(solid.negate()).toList();
        if (leaving.isEmpty()) {
            return List.of();
        }
        ObjectNode object = subject.object();
        String namespace = object.path("metadata").path("namespace").asText("");
        String name = object.path("metadata").path("name").asText();
        if (refs.stream().anyMatch(solid)) {
            ObjectNode released = object;
            for (String uid : leaving) {
                released = ControllerRefs.released(released, uid);
            }
            return List.of(new GcAction.Update(subject.type(), released));
        }
        boolean ownerWaits = refs.stream().anyMatch(uid -> owners.get(uid) == OwnerState.DELETING_DEPENDENTS);
        return List.of(new GcAction.Delete(subject.type(), namespace, name, subject.uid(),
                ownerWaits ? DeleteOptions.Propagation.Foreground : DeleteOptions.Propagation.Background));
    }

    private static List<GcAction> namespace(Typed subject, boolean deleting, List<Typed> contents) {
        ObjectNode namespace = subject.object();
        boolean terminating = deleting || "Terminating".equals(namespace.path("status").path("phase").asText());
        if (!terminating) {
            return List.of();
        }
        List<GcAction> actions = new ArrayList<>();
        String name = namespace.path("metadata").path("name").asText();
        if (deleting && !"Terminating".equals(namespace.path("status").path("phase").asText())) {
            ObjectNode copy = namespace.deepCopy();
            copy.withObjectProperty("status").put("phase", "Terminating");
            actions.add(new GcAction.UpdateStatus(ResourceTypes.NAMESPACE, copy));
        }
        for (Typed item : contents) {
            JsonNode metadata = item.object().path("metadata");
            if (!metadata.hasNonNull("deletionTimestamp")) {
                actions.add(new GcAction.Delete(item.type(), metadata.path("namespace").asText(),
                        metadata.path("name").asText(), item.uid(), DeleteOptions.Propagation.Background));
            }
        }
        if (contents.isEmpty()) {
            actions.add(new GcAction.DeleteAll(ResourceTypes.EVENT, name));
            if (strings(namespace.path("spec").path("finalizers")).contains(NAMESPACE_FINALIZER)) {
                ObjectNode copy = namespace.deepCopy();
                ArrayNode finalizers = copy.withObjectProperty("spec").withArrayProperty("finalizers");
                remove(finalizers, NAMESPACE_FINALIZER);
                actions.add(new GcAction.Update(ResourceTypes.NAMESPACE, copy));
            }
            actions.add(new GcAction.Delete(ResourceTypes.NAMESPACE, "", name, subject.uid(),
                    DeleteOptions.Propagation.Background));
        }
        return actions;
    }

    static boolean blocksOwnerDeletion(JsonNode dependent, String ownerUid) {
        for (JsonNode ref : dependent.path("metadata").path("ownerReferences")) {
            if (ownerUid.equals(ref.path("uid").asText()) && ref.path("blockOwnerDeletion").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode withoutFinalizer(ObjectNode object, String finalizer) {
        ObjectNode copy = object.deepCopy();
        remove(copy.withObjectProperty("metadata").withArrayProperty("finalizers"), finalizer);
        return copy;
    }

    private static void remove(ArrayNode array, String value) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (value.equals(array.get(i).asText())) {
                array.remove(i);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }
}
