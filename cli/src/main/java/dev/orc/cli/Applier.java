package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apply.LastApplied;
import dev.orc.api.apply.ThreeWayMerge;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;

/**
 * Applies one object as {@code kubectl apply} does: created when absent; else patched with the three-way merge
 * of what the last apply recorded, what is wanted now and what is live, so fields dropped from the file are
 * removed; nothing sent when nothing would change.
 */
final class Applier {
    enum DryRun { NONE, CLIENT, SERVER }

    enum Verb { created, configured, unchanged }

    /** What apply did, and the object as the server answered (the predicted object for a dry run). */
    record Outcome(Verb verb, ObjectNode live, ObjectNode result) {
    }

    private final ApiClient client;
    private final DryRun dryRun;

    Applier(ApiClient client, DryRun dryRun) {
        this.client = client;
        this.dryRun = dryRun;
    }

    Outcome apply(ResourceType type, String namespace, ObjectNode wanted) {
        ObjectNode desired = wanted.deepCopy();
        if (namespace != null) {
            ((ObjectNode) desired.get("metadata")).put("namespace", namespace);
        }
        ObjectNode annotated = LastApplied.annotate(desired);
        String name = desired.path("metadata").path("name").asText();
        WriteOptions options = dryRun == DryRun.SERVER ? WriteOptions.serverDryRun() : WriteOptions.defaults();
        ObjectNode live;
        try {
            live = client.get(type, namespace, name);
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            ObjectNode created = dryRun == DryRun.CLIENT ? annotated : client.create(type, namespace, annotated, options);
            return new Outcome(Verb.created, null, created);
        }
        ObjectNode original = LastApplied.of(live).orElse(Json.object());
        ObjectNode patch = ThreeWayMerge.patch(original, annotated, live);
        if (patch.isEmpty()) {
            return new Outcome(Verb.unchanged, live, live);
        }
        ObjectNode patched = dryRun == DryRun.CLIENT ? live
                : client.patch(type, namespace, name, PatchType.MERGE, patch, options);
        return new Outcome(Verb.configured, live, patched);
    }
}
