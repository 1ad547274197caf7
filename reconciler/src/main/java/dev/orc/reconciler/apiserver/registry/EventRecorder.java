package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records v1 Events about objects, in-process, for controllers and the scheduler. The same event
 * (involved object, type, reason, message, source) seen again within the window increments the stored
 * Event's {@code count} and {@code lastTimestamp} instead of creating another object.
 */
public final class EventRecorder {
    private static final int MAX_REMEMBERED = 4096;

    /** The object an event is about. */
    public record ObjectReference(String kind, String apiVersion, String namespace, String name, String uid) {
        public static ObjectReference of(ObjectNode object) {
            return new ObjectReference(Meta.text(object, "kind"), Meta.text(object, "apiVersion"), Meta.namespace(object),
                    Meta.name(object), Meta.uid(object));
        }
    }

    private record Key(ObjectReference object, String type, String reason, String message) {
    }

    private record Seen(String eventName, Instant at) {
    }

    private final ObjectRegistry registry;
    private final Clock clock;
    private final String component;
    private final Duration window;
    private final Map<Key, Seen> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    public EventRecorder(ObjectRegistry registry, Clock clock, String component, Duration window) {
        this.registry = registry;
        this.clock = clock;
        this.component = component;
        this.window = window;
    }

    /** Records a {@code Normal} or {@code Warning} event; returns the stored Event. */
    public synchronized ObjectNode record(ObjectReference object, String type, String reason, String message) {
        Key key = new Key(object, type, reason, message);
        Instant now = clock.instant();
        String namespace = object.namespace() == null ? "default" : object.namespace();
        Seen last = seen.get(key);
        if (last != null && !now.isAfter(last.at().plus(window))) {
            try {
                ObjectNode updated = registry.modify(ResourceTypes.EVENT, namespace, last.eventName(), event -> {
                    event.put("count", event.path("count").asInt(1) + 1);
                    event.put("lastTimestamp", Meta.timestamp(now));
                    return event;
                }, ObjectRegistry.Part.MAIN, false);
                seen.put(key, new Seen(last.eventName(), now));
                return updated;
            } catch (ApiException.NotFound expired) {
                seen.remove(key);
            }
        }
        ObjectNode created = registry.create(ResourceTypes.EVENT, namespace, newEvent(object, namespace, type, reason,
                message, now), false);
        seen.put(key, new Seen(Meta.name(created), now));
        return created;
    }

    private ObjectNode newEvent(ObjectReference object, String namespace, String type, String reason, String message,
                                Instant now) {
        ObjectNode event = Json.object();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        event.putObject("metadata").put("generateName", object.name() + ".").put("namespace", namespace);
        ObjectNode involved = event.putObject("involvedObject");
        involved.put("kind", object.kind()).put("apiVersion", object.apiVersion()).put("name", object.name());
        if (object.namespace() != null) {
            involved.put("namespace", object.namespace());
        }
        if (object.uid() != null) {
            involved.put("uid", object.uid());
        }
        event.put("reason", reason);
        event.put("message", message);
        event.putObject("source").put("component", component);
        event.put("firstTimestamp", Meta.timestamp(now));
        event.put("lastTimestamp", Meta.timestamp(now));
        event.put("count", 1);
        event.put("type", type);
        event.put("reportingComponent", component);
        return event;
    }
}
