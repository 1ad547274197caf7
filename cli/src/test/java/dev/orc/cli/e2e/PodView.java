package dev.orc.cli.e2e;

import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;

/** What the end-to-end tests look at in a pod, short enough to read in a failure message. */
record PodView(String name, String node, String phase, boolean ready, boolean terminating, String image,
               String hostIP, int hostPort, String waiting) {
    static PodView of(Pod pod) {
        var status = pod.status();
        String waiting = status == null ? "" : status.containerStatuses().stream()
                .filter(c -> c.state() != null && c.state().waiting() != null)
                .map(c -> c.state().waiting().reason()).findFirst().orElse("");
        return new PodView(pod.metadata().name(), pod.spec().nodeName(), status == null ? "" : status.phase(),
                status != null && status.ready(), pod.metadata().deletionTimestamp() != null,
                pod.spec().containers().getFirst().image(), status == null ? null : status.hostIP(),
                PodHostPorts.of(pod).stream().mapToInt(PodHostPorts.Entry::hostPort).findFirst().orElse(0), waiting);
    }

    /** Ready and not being deleted: what an endpoints controller would send traffic to. */
    boolean serving() {
        return ready && !terminating;
    }
}
