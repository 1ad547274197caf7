package dev.orc.api.model;

/** The desired state of a DaemonSet: one pod on every node that admits the template. */
public record DaemonSetSpec(LabelSelector selector, PodTemplateSpec template, UpdateStrategy updateStrategy,
                            Integer minReadySeconds, Integer revisionHistoryLimit) {

    public static DaemonSetSpec of(LabelSelector selector, PodTemplateSpec template) {
        return new DaemonSetSpec(selector, template, null, null, null);
    }

    public DaemonSetSpec withTemplate(PodTemplateSpec template) {
        return new DaemonSetSpec(selector, template, updateStrategy, minReadySeconds, revisionHistoryLimit);
    }
}
