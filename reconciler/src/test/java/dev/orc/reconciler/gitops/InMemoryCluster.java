package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

    /** A cluster of objects in memory that records what a sync asks of it and keeps the objects it writes. */
final class InMemoryCluster implements ClusterOps {
    final Map<ManagedRef, ObjectNode> objects = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, String> dryRunRefusals = new HashMap<>();
    final Map<String, String> applyRefusals = new HashMap<>();

    @Override
    public synchronized Optional<ObjectNode> get(ManagedRef ref) {
        return Optional.ofNullable(objects.get(ref));
    }

    @Override
    public synchronized List<String> dryRun(SyncAction action) {
        String refusal = dryRunRefusals.get(action.ref().name());
        return refusal == null ? List.of() : List.of(refusal);
    }

    @Override
    public synchronized void apply(SyncAction action) throws ApplyException {
        String refusal = applyRefusals.get(action.ref().name());
        if (refusal != null) {
            throw new ApplyException(refusal);
        }
        calls.add(action.verb() + " " + action.ref());
        if (action.type() == SyncAction.Type.CREATE || !objects.containsKey(action.ref())) {
            objects.put(action.ref(), action.desired().deepCopy());
        } else {
            objects.put(action.ref(), MergePatch.apply(objects.get(action.ref()), action.patch()));
        }
    }

    @Override
    public synchronized void delete(ManagedRef ref) {
        calls.add("deleted " + ref);
        objects.remove(ref);
    }

    /** RFC 7386 merge patch, as the API server applies it. */
    static final class MergePatch {
        static ObjectNode apply(ObjectNode target, ObjectNode patch) {
            ObjectNode result = target.deepCopy();
            patch.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    result.remove(field.getKey());
                } else if (field.getValue().isObject() && result.get(field.getKey()) instanceof ObjectNode existing) {
                    result.set(field.getKey(), apply(existing, (ObjectNode) field.getValue()));
                } else {
                    result.set(field.getKey(), field.getValue().deepCopy());
                }
            });
            return result;
        }
    }
}
