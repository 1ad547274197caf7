package dev.orc.api.model;

/** Pod affinity rules; orc acts on node affinity (pod affinity stays in the stored object, unread). */
public record Affinity(NodeAffinity nodeAffinity) {
}
