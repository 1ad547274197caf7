package dev.orc.api.model;

/**
 * A Deployment's {@code strategy} ({@code RollingUpdate} or {@code Recreate}) or a DaemonSet's
 * {@code updateStrategy} ({@code RollingUpdate} or {@code OnDelete}).
 */
public record UpdateStrategy(String type, RollingUpdate rollingUpdate) {
    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String RECREATE = "Recreate";
    public static final String ON_DELETE = "OnDelete";

    public static UpdateStrategy rollingUpdate(IntOrString maxUnavailable, IntOrString maxSurge) {
        return new UpdateStrategy(ROLLING_UPDATE, new RollingUpdate(maxUnavailable, maxSurge));
    }

    public static UpdateStrategy recreate() {
        return new UpdateStrategy(RECREATE, null);
    }
}
