package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Timestamps;
import dev.orc.api.model.Views;
import dev.orc.reconciler.testing.ManualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An in-memory API for controller tests, with the semantics controllers rely on: generateName, uids,
 * resourceVersions checked on update (stale is a {@link ConflictException}), generation bumped on spec change,
 * status written only through updateStatus. Records every write and event; plays the kubelet on request. Safe to
 * call from several threads, as controllers write in parallel.
 */
public final class FakeCluster implements ObjectWriter, EventRecorder {
    private final ManualClock clock;
    private final Map<ResourceType, Map<ObjectKey, ObjectNode>> objects = new LinkedHashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private long revision;
    private int generated;
    /** Deleted pods stay, terminating, until {@link #finishTerminating()}, as a kubelet's grace period keeps them. */
    public boolean gracefulPodDeletion;
    /** How long a terminating pod stays before {@link #finishTerminating()} removes it. */
    public Duration terminationGrace = Duration.ZERO;

    public FakeCluster(ManualClock clock) {
        this.clock = clock;
    }

    /** One kind's objects as an informer would hand them out, viewed as the kind's record. */
    @SuppressWarnings("unchecked")
    public <T extends KubeObject> ObjectCache<T> cache(ResourceType type) {
        Class<T> view = (Class<T>) Views.of(type.kind());
        return new ObjectCache<>() {
            @Override
            public Optional<Cached<T>> get(ObjectKey key) {
                synchronized (FakeCluster.this) {
                    return Optional.ofNullable(store(type).get(key)).map(o -> Cached.of(o, view));
                }
            }

            @Override
            public List<Cached<T>> list(String namespace) {
                synchronized (FakeCluster.this) {
                    return store(type).values().stream()
                            .filter(o -> namespace.equals(o.path("metadata").path("namespace").asText()))
                            .map(o -> Cached.of(o, view)).toList();
                }
            }
        };
    }

    /** Puts an object as it would be stored, without recording a write. */
    public synchronized ObjectNode seed(ResourceType type, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = copy.withObjectProperty("metadata");
        if (!metadata.has("uid")) {
            metadata.put("uid", "uid-" + metadata.path("name").asText());
        }
        if (!metadata.has("creationTimestamp")) {
            metadata.put("creationTimestamp", Timestamps.format(clock.instant()));
        }
        metadata.put("resourceVersion", String.valueOf(++revision));
        if (!metadata.has("generation")) {
            metadata.put("generation", 1);
        }
        store(type).put(ObjectKey.of(copy), copy);
        return copy.deepCopy();
    }

    public synchronized Optional<ObjectNode> get(ResourceType type, String name) {
        return cache(type).get(new ObjectKey("default", name)).map(Cached::copy);
    }

    public synchronized List<ObjectNode> list(ResourceType type) {
        return cache(type).list("default").stream().map(Cached::copy).toList();
    }

    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public synchronized void clearRecords() {
        writes.clear();
        events.clear();
    }

    @Override
    public synchronized ObjectNode create(ResourceType type, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = copy.withObjectProperty("metadata");
        if (!metadata.hasNonNull("name")) {
            metadata.put("name", metadata.path("generateName").asText() + String.format("%05d", ++generated));
        }
        if (store(type).containsKey(ObjectKey.of(copy))) {
            throw new AlreadyExistsException(type.plural() + " \"" + metadata.path("name").asText() + "\" already exists");
        }
        metadata.put("uid", "uid-" + metadata.path("name").asText() + "-" + (++generated));
        metadata.put("creationTimestamp", Timestamps.format(clock.instant()));
        metadata.put("generation", 1);
        metadata.put("resourceVersion", String.valueOf(++revision));
        store(type).put(ObjectKey.of(copy), copy);
        writes.add("create " + type.plural() + " " + metadata.path("name").asText());
        return copy.deepCopy();
    }

    @Override
    public synchronized ObjectNode update(ResourceType type, ObjectNode object) {
        ObjectNode current = current(type, object);
        ObjectNode copy = object.deepCopy();
        copy.set("status", current.get("status"));
        if (copy.get("status") == null) {
            copy.remove("status");
        }
        ObjectNode metadata = copy.withObjectProperty("metadata");
        long generation = current.path("metadata").path("generation").asLong(1);
        metadata.put("generation", Objects.equals(current.get("spec"), copy.get("spec")) ? generation : generation + 1);
        metadata.put("resourceVersion", String.valueOf(++revision));
        store(type).put(ObjectKey.of(copy), copy);
        writes.add("update " + type.plural() + " " + metadata.path("name").asText());
        return copy.deepCopy();
    }

    @Override
    public synchronized ObjectNode updateStatus(ResourceType type, ObjectNode object) {
        ObjectNode current = current(type, object).deepCopy();
        current.set("status", object.get("status"));
        current.withObjectProperty("metadata").put("resourceVersion", String.valueOf(++revision));
        store(type).put(ObjectKey.of(current), current);
        writes.add("status " + type.plural() + " " + current.path("metadata").path("name").asText());
        return current.deepCopy();
    }

    @Override
    public synchronized void delete(ResourceType type, String namespace, String name, String uid, Propagation propagation) {
        ObjectKey key = new ObjectKey(namespace, name);
        ObjectNode current = store(type).get(key);
        if (current == null || (uid != null && !uid.equals(current.path("metadata").path("uid").asText()))) {
            return;
        }
        writes.add("delete " + type.plural() + " " + name);
        if (type == ResourceTypes.POD && gracefulPodDeletion) {
            current.withObjectProperty("metadata").put("deletionTimestamp", Timestamps.format(clock.instant()));
            current.withObjectProperty("metadata").put("resourceVersion", String.valueOf(++revision));
            return;
        }
        store(type).remove(key);
        String ownerUid = current.path("metadata").path("uid").asText();
        for (ResourceType dependentType : List.copyOf(objects.keySet())) {
            store(dependentType).values().removeIf(o -> controlledBy(o, ownerUid));
        }
    }

    @Override
    public synchronized void record(ObjectReference involvedObject, String type, String reason, String message) {
        events.add(involvedObject.name() + " " + type + " " + reason + ": " + message);
    }

    /** The kubelet and scheduler: every pod not being deleted is bound, Running and Ready from now on. */
    public void runAllPods() {
        runPods(pod -> true);
    }

    /** As {@link #runAllPods()}, for the pods {@code healthy} accepts; the others stay Pending. */
    public synchronized void runPods(Predicate<ObjectNode> healthy) {
        for (ObjectNode pod : store(ResourceTypes.POD).values()) {
            if (pod.path("metadata").has("deletionTimestamp") || pod.path("status").path("phase").asText().equals("Running")
                    || !healthy.test(pod)) {
                continue;
            }
            pod.withObjectProperty("spec").put("nodeName", "node-1");
            ObjectNode status = pod.putObject("status").put("phase", "Running");
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                    .put("lastTransitionTime", Timestamps.format(clock.instant()));
            pod.withObjectProperty("metadata").put("resourceVersion", String.valueOf(++revision));
        }
    }

    /** Terminating pods whose grace period is over are gone. */
    public synchronized void finishTerminating() {
        store(ResourceTypes.POD).values().removeIf(p -> p.path("metadata").has("deletionTimestamp")
                && !Timestamps.parse(p.path("metadata").path("deletionTimestamp").asText()).plus(terminationGrace)
                .isAfter(clock.instant()));
    }

    private static boolean controlledBy(JsonNode object, String ownerUid) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false) && ownerUid.equals(ref.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode current(ResourceType type, ObjectNode object) {
        ObjectNode current = store(type).get(ObjectKey.of(object));
        if (current == null) {
            throw new IllegalStateException(type.plural() + " \"" + ObjectKey.of(object) + "\" not found");
        }
        String expected = current.path("metadata").path("resourceVersion").asText();
        String given = object.path("metadata").path("resourceVersion").asText();
        if (!expected.equals(given)) {
            throw new ConflictException("the object has been modified: resourceVersion " + given + " is not " + expected);
        }
        return current;
    }

    private Map<ObjectKey, ObjectNode> store(ResourceType type) {
        return objects.computeIfAbsent(type, t -> new LinkedHashMap<>());
    }
}
