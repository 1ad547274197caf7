package dev.orc.api.model;

/** Names an object in the same namespace (a Secret for credentials, an image pull secret). */
public record LocalObjectReference(String name) {
}
