package dev.orc.api.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One revision of a workload's pod template, as {@code rollout history} lists it: number, change-cause (empty when none), template. */
public record TemplateRevision(long number, String changeCause, ObjectNode template) {
}
