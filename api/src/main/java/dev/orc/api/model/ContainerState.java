package dev.orc.api.model;

/** A container's state: exactly one of waiting, running and terminated is set. */
public record ContainerState(Waiting waiting, Running running, Terminated terminated) {

    public static ContainerState waiting(String reason, String message) {
        return new ContainerState(new Waiting(reason, message), null, null);
    }

    public static ContainerState running(String startedAt) {
        return new ContainerState(null, new Running(startedAt), null);
    }

    public static ContainerState terminated(Terminated terminated) {
        return new ContainerState(null, null, terminated);
    }

    /** Not yet running: {@code ContainerCreating}, {@code ImagePullBackOff}, {@code CrashLoopBackOff}, {@code CreateContainerConfigError}... */
    public record Waiting(String reason, String message) {
    }

    public record Running(String startedAt) {
    }

    public record Terminated(Integer exitCode, Integer signal, String reason, String message, String startedAt,
                             String finishedAt, String containerID) {
    }
}
