package dev.orc.api.record;

import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.TypedResource;
import dev.orc.api.json.Json;
import dev.orc.api.model.Event;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Timestamps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * Records v1 Events about objects for one component, as client-go's {@code record.EventRecorder} does. A repeat of
 * the same reason and message about the same object bumps {@code count} and {@code lastTimestamp} of one Event
 * instead of creating another. The create is tried first, as most events are new (one request each); only a repeat
 * reads and patches. Recording never fails the caller: an event is best effort. Safe to share between threads.
 */
public final class EventRecorder {
    private final TypedResource<Event> events;
    private final Event.Source source;
    private final InstantSource clock;

    public EventRecorder(ApiClient client, String component, InstantSource clock) {
        this.events = client.resource(Event.class);
        this.source = new Event.Source(component, null);
        this.clock = clock;
    }

    /** {@code type} is {@link Event#NORMAL} or {@link Event#WARNING}. */
    public void record(KubeObject involved, String type, String reason, String message) {
        record(ObjectReference.to(involved), type, reason, message);
    }

    public void record(ObjectReference involved, String type, String reason, String message) {
        String namespace = involved.namespace() == null || involved.namespace().isEmpty() ? "default" : involved.namespace();
        String name = involved.name() + "." + digest(involved.kind() + "/" + reason + "/" + message);
        String now = Timestamps.format(clock.instant());
        ObjectReference about = new ObjectReference(involved.apiVersion() == null ? "v1" : involved.apiVersion(),
                involved.kind(), involved.namespace(), involved.name(), involved.uid(), null, null);
        try {
            events.create(Event.of(ObjectMeta.of(namespace, name), about, type, reason, message, source, now));
        } catch (ApiException e) {
            if (e.isAlreadyExists()) {
                bump(namespace, name, now);
            }
        }
    }

    /** A repeat: one more {@code count} on the Event already there. */
    private void bump(String namespace, String name, String now) {
        try {
            Event existing = events.get(namespace, name);
            int count = existing.count() == null ? 1 : existing.count();
            events.patch(namespace, name, PatchType.MERGE, Json.object().put("count", count + 1).put("lastTimestamp", now));
        } catch (ApiException e) {
            // Best effort: a lost event must never fail the reconcile that reported it.
        }
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
