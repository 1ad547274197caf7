package dev.orc.api.model;

/** v1 Node (cluster-scoped). */
public record Node(String apiVersion, String kind, ObjectMeta metadata, NodeSpec spec, NodeStatus status)
        implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "Node";

    public static Node of(ObjectMeta metadata, NodeSpec spec, NodeStatus status) {
        return new Node(API_VERSION, KIND, metadata, spec, status);
    }

    @Override
    public Node withMetadata(ObjectMeta metadata) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }

    public Node withSpec(NodeSpec spec) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }

    public Node withStatus(NodeStatus status) {
        return new Node(apiVersion, kind, metadata, spec, status);
    }
}
