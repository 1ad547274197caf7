package dev.orc.api.model;

/** The desired state of a Deployment. */
public record DeploymentSpec(Integer replicas, LabelSelector selector, PodTemplateSpec template,
                             UpdateStrategy strategy, Integer minReadySeconds, Integer revisionHistoryLimit,
                             Boolean paused, Integer progressDeadlineSeconds) {

    public static DeploymentSpec of(int replicas, LabelSelector selector, PodTemplateSpec template) {
        return new DeploymentSpec(replicas, selector, template, null, null, null, null, null);
    }

    public DeploymentSpec withReplicas(Integer replicas) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit,
                paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withTemplate(PodTemplateSpec template) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit,
                paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withStrategy(UpdateStrategy strategy) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit,
                paused, progressDeadlineSeconds);
    }

    public DeploymentSpec withPaused(Boolean paused) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit,
                paused, progressDeadlineSeconds);
    }
}
