package dev.orc.api.model;

/**
 * A status condition. Kinds differ slightly in which timestamps they carry (pods have
 * {@code lastProbeTime}, nodes {@code lastHeartbeatTime}, deployments {@code lastUpdateTime},
 * GitSources {@code observedGeneration}); this one view has them all and writes back only those set.
 */
public record Condition(String type, String status, Long observedGeneration, String lastProbeTime,
                        String lastHeartbeatTime, String lastUpdateTime, String lastTransitionTime,
                        String reason, String message) {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    public static Condition of(String type, String status, String reason, String message, String lastTransitionTime) {
        return new Condition(type, status, null, null, null, null, lastTransitionTime, reason, message);
    }

    public boolean statusTrue() {
        return TRUE.equals(status);
    }

    public Condition withStatus(String status, String reason, String message) {
        return new Condition(type, status, observedGeneration, lastProbeTime, lastHeartbeatTime, lastUpdateTime,
                lastTransitionTime, reason, message);
    }

    public Condition withLastTransitionTime(String time) {
        return new Condition(type, status, observedGeneration, lastProbeTime, lastHeartbeatTime, lastUpdateTime,
                time, reason, message);
    }

    public Condition withLastHeartbeatTime(String time) {
        return new Condition(type, status, observedGeneration, lastProbeTime, time, lastUpdateTime,
                lastTransitionTime, reason, message);
    }

    public Condition withLastUpdateTime(String time) {
        return new Condition(type, status, observedGeneration, lastProbeTime, lastHeartbeatTime, time,
                lastTransitionTime, reason, message);
    }

    public Condition withObservedGeneration(Long generation) {
        return new Condition(type, status, generation, lastProbeTime, lastHeartbeatTime, lastUpdateTime,
                lastTransitionTime, reason, message);
    }
}
