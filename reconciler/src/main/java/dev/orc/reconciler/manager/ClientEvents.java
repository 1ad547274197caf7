package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Timestamps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * Records v1 Events through the API for a controller. A repeat of the same reason and message about the
 * same object bumps {@code count} and {@code lastTimestamp} of one Event instead of creating another. The
 * create is tried first, as most events are new (one request each); only a repeat reads and patches.
 * Recording never fails the caller: an event is best effort.
 */
public final class ClientEvents {
    private final ApiClient client;
    private final String component;
    private final InstantSource clock;

    public ClientEvents(ApiClient client, String component, InstantSource clock) {
        this.client = client;
        this.component = component;
        this.clock = clock;
    }

    public void record(JsonNode involved, String type, String reason, String message) {
        JsonNode metadata = involved.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        String eventNamespace = namespace.isEmpty() ? "default" : namespace;
        String objectName = metadata.path("name").asText("");
        String name = objectName + "." + digest(involved.path("kind").asText() + "/" + reason + "/" + message);
        String now = Timestamps.format(clock.instant());
        try {
            client.create(ResourceTypes.EVENT, eventNamespace, newEvent(involved, name, eventNamespace, type, reason,
                    message, now), WriteOptions.defaults());
        } catch (ApiException e) {
            if (e.isAlreadyExists()) {
                bump(eventNamespace, name, now);
            }
        }
    }

    /** A repeat: one more {@code count} on the Event already there. */
    private void bump(String namespace, String name, String now) {
        try {
            ObjectNode existing = client.get(ResourceTypes.EVENT, namespace, name);
            ObjectNode patch = Json.object();
            patch.put("count", existing.path("count").asInt(1) + 1).put("lastTimestamp", now);
            client.patch(ResourceTypes.EVENT, namespace, name, PatchType.MERGE, patch, WriteOptions.defaults());
        } catch (ApiException e) {
            // Best effort: a lost event must never fail the reconcile that reported it.
        }
    }

    private ObjectNode newEvent(JsonNode involved, String name, String eventNamespace, String type, String reason,
                                String message, String now) {
        JsonNode metadata = involved.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        ObjectNode event = Json.object();
        event.put("apiVersion", "v1").put("kind", "Event");
        event.putObject("metadata").put("name", name).put("namespace", eventNamespace);
        ObjectNode ref = event.putObject("involvedObject");
        ref.put("apiVersion", involved.path("apiVersion").asText("v1")).put("kind", involved.path("kind").asText(""))
                .put("name", metadata.path("name").asText("")).put("uid", metadata.path("uid").asText(""));
        if (!namespace.isEmpty()) {
            ref.put("namespace", namespace);
        }
        event.put("reason", reason).put("message", message).put("type", type).put("count", 1)
                .put("firstTimestamp", now).put("lastTimestamp", now);
        event.putObject("source").put("component", component);
        event.put("reportingComponent", component);
        return event;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
