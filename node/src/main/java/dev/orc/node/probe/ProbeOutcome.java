package dev.orc.node.probe;

/**
 * How one run of a probe went; {@code message} says why it failed, as Kubernetes' events quote it. A probe that
 * could not be run at all (the container runtime did not answer) is {@code errored}: like the kubelet, orc throws
 * such a result away rather than count it as a failure, so a runtime restart does not kill healthy containers.
 */
public record ProbeOutcome(boolean success, boolean errored, String message) {

    public static ProbeOutcome ok() {
        return new ProbeOutcome(true, false, "");
    }

    public static ProbeOutcome failed(String message) {
        return new ProbeOutcome(false, false, message);
    }

    public static ProbeOutcome errored(String message) {
        return new ProbeOutcome(false, true, message);
    }
}
