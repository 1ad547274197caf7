package dev.orc.api.model;

import java.util.List;
import java.util.Map;

/** Conditions that must all hold for a node; a term with no conditions matches no node, as in Kubernetes. */
public record NodeSelectorTerm(@OmitEmpty List<NodeSelectorRequirement> matchExpressions,
                               @OmitEmpty List<NodeSelectorRequirement> matchFields) {
    /** The only field Kubernetes allows in {@code matchFields}. */
    public static final String NODE_NAME_FIELD = "metadata.name";

    public NodeSelectorTerm {
        matchExpressions = Immutable.list(matchExpressions);
        matchFields = Immutable.list(matchFields);
    }

    public static NodeSelectorTerm of(NodeSelectorRequirement... expressions) {
        return new NodeSelectorTerm(List.of(expressions), List.of());
    }

    public boolean matches(Map<String, String> nodeLabels, String nodeName) {
        if (matchExpressions.isEmpty() && matchFields.isEmpty()) {
            return false;
        }
        Map<String, String> fields = nodeName == null ? Map.of() : Map.of(NODE_NAME_FIELD, nodeName);
        return matchExpressions.stream().allMatch(r -> r.matches(nodeLabels))
                && matchFields.stream().allMatch(r -> r.matches(fields));
    }
}
