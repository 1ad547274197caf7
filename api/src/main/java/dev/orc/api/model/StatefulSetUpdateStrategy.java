package dev.orc.api.model;

/**
 * A StatefulSet's {@code updateStrategy}: {@code RollingUpdate} (highest ordinal first, ordinals below
 * {@code partition} kept at their revision, at most {@code maxUnavailable} pods down at once) or {@code OnDelete}.
 */
public record StatefulSetUpdateStrategy(String type, RollingUpdate rollingUpdate) {
    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String ON_DELETE = "OnDelete";

    /** The rolling update's partition and how many pods may be unavailable at once (a number or a percentage). */
    public record RollingUpdate(Integer partition, IntOrString maxUnavailable) {
    }

    public boolean onDelete() {
        return ON_DELETE.equals(type);
    }
}
