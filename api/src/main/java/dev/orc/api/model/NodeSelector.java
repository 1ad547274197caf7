package dev.orc.api.model;

import java.util.List;
import java.util.Map;

/** Required node affinity: a node qualifies when any one of the terms matches it. */
public record NodeSelector(@OmitEmpty List<NodeSelectorTerm> nodeSelectorTerms) {

    public NodeSelector {
        nodeSelectorTerms = Immutable.list(nodeSelectorTerms);
    }

    public static NodeSelector of(NodeSelectorTerm... terms) {
        return new NodeSelector(List.of(terms));
    }

    public boolean matches(Map<String, String> nodeLabels, String nodeName) {
        return nodeSelectorTerms.stream().anyMatch(t -> t.matches(nodeLabels, nodeName));
    }

    public boolean matches(Node node) {
        ObjectMeta meta = node.metadata() == null ? ObjectMeta.named(null) : node.metadata();
        return matches(meta.labels(), meta.name());
    }
}
