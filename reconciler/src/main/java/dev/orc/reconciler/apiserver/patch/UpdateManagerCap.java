package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' bound on {@code managedFields}: at most {@link #MAX_UPDATE_MANAGERS} {@code operation: Update} entries.
 * Past it, the oldest Update entries are folded, per API version, into one {@code ancient-changes} entry that owns
 * the union of their fields and carries the newest of their times; Apply entries are never folded.
 */
final class UpdateManagerCap {
    static final int MAX_UPDATE_MANAGERS = 10;
    static final String ANCIENT_CHANGES = "ancient-changes";

    private UpdateManagerCap() {
    }

    /** The entries with the oldest Update entries folded until at most the cap are left, in their order. */
    static List<ObjectNode> cap(List<ObjectNode> entries) {
        List<ObjectNode> updates = entries.stream()
                .filter(entry -> ManagedEntry.UPDATE.equals(entry.path("operation").asText()))
                .sorted(Comparator.comparing((ObjectNode entry) -> entry.path("time").asText()))
                .toList();
        int left = updates.size();
        if (left <= MAX_UPDATE_MANAGERS) {
            return entries;
        }
        Map<String, ObjectNode> buckets = new HashMap<>();
        Map<ObjectNode, ObjectNode> shown = new IdentityHashMap<>();
        for (ObjectNode entry : entries) {
            if (isBucket(entry)) {
                ObjectNode copy = entry.deepCopy();
                buckets.put(entry.path("apiVersion").asText(), copy);
                shown.put(entry, copy);
            }
        }
        for (ObjectNode entry : updates) {
            if (left <= MAX_UPDATE_MANAGERS) {
                break;
            }
            if (isBucket(entry)) {
                continue;
            }
            ObjectNode bucket = buckets.get(entry.path("apiVersion").asText());
            if (bucket == null) {
                ObjectNode renamed = entry.deepCopy().put("manager", ANCIENT_CHANGES);
                renamed.remove("subresource");
                buckets.put(entry.path("apiVersion").asText(), renamed);
                shown.put(entry, renamed);
            } else {
                absorb(bucket, entry);
                shown.put(entry, null);
                left--;
            }
        }
        List<ObjectNode> capped = new ArrayList<>();
        for (ObjectNode entry : entries) {
            ObjectNode rendered = shown.containsKey(entry) ? shown.get(entry) : entry;
            if (rendered != null) {
                capped.add(rendered);
            }
        }
        return capped;
    }

    private static boolean isBucket(ObjectNode entry) {
        return ANCIENT_CHANGES.equals(entry.path("manager").asText())
                && ManagedEntry.UPDATE.equals(entry.path("operation").asText());
    }

    /** The bucket (in place) owning its fields and the entry's, stamped with the newer of their times. */
    private static void absorb(ObjectNode bucket, ObjectNode entry) {
        FieldSet fields = FieldSet.fromFieldsV1(bucket.path("fieldsV1")).plus(FieldSet.fromFieldsV1(entry.path("fieldsV1")));
        bucket.set("fieldsV1", fields.toFieldsV1());
        if (entry.path("time").asText().compareTo(bucket.path("time").asText()) > 0) {
            bucket.put("time", entry.path("time").asText());
        }
    }
}
