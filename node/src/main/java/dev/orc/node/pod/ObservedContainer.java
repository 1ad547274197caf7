package dev.orc.node.pod;

import dev.orc.node.runtime.ContainerInfo;

import java.util.Map;

/** One container attempt of a pod as the runtime reports it, with what its labels say about it. */
public record ObservedContainer(String name, ContainerRole role, int restartCount, ContainerInfo info) {

    public static ObservedContainer of(ContainerInfo info) {
        Map<String, String> labels = info.labels();
        return new ObservedContainer(labels.getOrDefault(PodLabels.CONTAINER_NAME, ""),
                ContainerRole.fromLabel(labels.get(PodLabels.ROLE)), PodLabels.restartCount(labels), info);
    }

    public String id() {
        return info.id();
    }

    public boolean running() {
        return info.running();
    }

    /**
     * Created but never started, and not because the start failed: the agent stopped between create and start. The
     * container has not run, so it is neither a success nor a failure; it is started again as the same attempt.
     */
    public boolean startInterrupted() {
        return !info.running() && info.startedAt().isEmpty() && info.error().isEmpty();
    }

    public boolean exited() {
        return !info.running() && info.startedAt().isPresent();
    }

    public boolean succeeded() {
        return exited() && info.exitCode() == 0;
    }
}
