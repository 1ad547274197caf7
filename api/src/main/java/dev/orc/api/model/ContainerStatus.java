package dev.orc.api.model;

/** What the node agent reports about one container. */
public record ContainerStatus(String name, ContainerState state, ContainerState lastState, Boolean ready,
                              Integer restartCount, String image, String imageID, String containerID,
                              Boolean started) {

    public boolean readyNow() {
        return Boolean.TRUE.equals(ready);
    }
}
