package dev.orc.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A label selector, as objects carry it ({@code matchLabels} and {@code matchExpressions}, all of
 * which must hold) and as users type it ({@code app=web,tier!=db,env in (a,b),!legacy}).
 * An empty selector matches everything; where an object has no selector at all, callers decide
 * (Kubernetes reads a missing selector as matching nothing).
 */
public record LabelSelector(@OmitEmpty Map<String, String> matchLabels,
                            @OmitEmpty List<LabelSelectorRequirement> matchExpressions) {

    public LabelSelector {
        matchLabels = Immutable.map(matchLabels);
        matchExpressions = Immutable.list(matchExpressions);
    }

    public static LabelSelector everything() {
        return new LabelSelector(Map.of(), List.of());
    }

    public static LabelSelector ofLabels(Map<String, String> labels) {
        return new LabelSelector(labels, List.of());
    }

    /**
     * Parses the string form: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)},
     * {@code k notin (a,b)}, {@code k} (exists), {@code !k} (does not exist), separated by commas.
     *
     * @throws SelectorSyntaxException naming the column of the first problem
     */
    public static LabelSelector parse(String text) {
        return new LabelSelectorParser(text).parse();
    }

    public boolean matchesEverything() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
            if (!actual.containsKey(wanted.getKey()) || !Objects.equals(wanted.getValue(), actual.get(wanted.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(r -> r.matches(actual));
    }

    /** Every condition as a requirement ({@code matchLabels} become single-value {@code In}). */
    public List<LabelSelectorRequirement> requirements() {
        List<LabelSelectorRequirement> all = new ArrayList<>();
        matchLabels.forEach((k, v) -> all.add(LabelSelectorRequirement.in(k, v)));
        all.addAll(matchExpressions);
        return List.copyOf(all);
    }

    /** This selector with {@code key=value} added to its {@code matchLabels}. */
    public LabelSelector withMatchLabel(String key, String value) {
        Map<String, String> labels = new LinkedHashMap<>(matchLabels);
        labels.put(key, value);
        return new LabelSelector(labels, matchExpressions);
    }

    /** The string form, which {@link #parse} reads back to an equal selector. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
        matchExpressions.forEach(r -> parts.add(r.toString()));
        return String.join(",", parts);
    }
}
