package dev.orc.api.model;

/** Preferred node affinity: nodes matching {@code preference} score {@code weight} (1-100) more. */
public record PreferredSchedulingTerm(Integer weight, NodeSelectorTerm preference) {
}
