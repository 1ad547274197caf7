package dev.orc.node.probe;

/** How one run of a probe went; {@code message} says why it failed, as Kubernetes' events quote it. */
public record ProbeOutcome(boolean success, String message) {

    public static ProbeOutcome ok() {
        return new ProbeOutcome(true, "");
    }

    public static ProbeOutcome failed(String message) {
        return new ProbeOutcome(false, message);
    }
}
