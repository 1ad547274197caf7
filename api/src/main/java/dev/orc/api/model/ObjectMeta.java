package dev.orc.api.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Metadata every object has. Labels and annotations keep the order they were written in. */
public record ObjectMeta(
        String name,
        String generateName,
        String namespace,
        String uid,
        String resourceVersion,
        Long generation,
        String creationTimestamp,
        String deletionTimestamp,
        Long deletionGracePeriodSeconds,
        @OmitEmpty Map<String, String> labels,
        @OmitEmpty Map<String, String> annotations,
        @OmitEmpty List<OwnerReference> ownerReferences,
        @OmitEmpty List<String> finalizers) {

    public ObjectMeta {
        labels = Immutable.map(labels);
        annotations = Immutable.map(annotations);
        ownerReferences = Immutable.list(ownerReferences);
        finalizers = Immutable.list(finalizers);
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static ObjectMeta of(String namespace, String name) {
        return named(name).withNamespace(namespace);
    }

    /** The owner reference marked {@code controller: true}, if any. */
    public Optional<OwnerReference> controllerRef() {
        return ownerReferences.stream().filter(OwnerReference::controlling).findFirst();
    }

    public boolean deleting() {
        return deletionTimestamp != null;
    }

    public ObjectMeta withName(String name) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withGenerateName(String generateName) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withNamespace(String namespace) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withUid(String uid) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withResourceVersion(String resourceVersion) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withGeneration(Long generation) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withCreationTimestamp(String creationTimestamp) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withDeletion(String deletionTimestamp, Long deletionGracePeriodSeconds) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withLabels(Map<String, String> labels) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withLabel(String key, String value) {
        return withLabels(Immutable.with(labels, key, value));
    }

    public ObjectMeta withAnnotations(Map<String, String> annotations) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withAnnotation(String key, String value) {
        return withAnnotations(Immutable.with(annotations, key, value));
    }

    public ObjectMeta withOwnerReferences(List<OwnerReference> ownerReferences) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }

    public ObjectMeta withFinalizers(List<String> finalizers) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
    }
}
