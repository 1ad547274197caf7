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

    /** Created but never started: a start that failed, or one that has not happened yet. */
    public boolean neverStarted() {
        return !info.running() && info.startedAt().isEmpty();
    }

    public boolean exited() {
        return !info.running() && info.startedAt().isPresent();
    }

    public boolean succeeded() {
        return exited() && info.exitCode() == 0;
    }
}
