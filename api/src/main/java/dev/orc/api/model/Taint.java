package dev.orc.api.model;

/** A node taint: pods that do not tolerate it are kept off ({@code NoSchedule}, {@code PreferNoSchedule}) or evicted ({@code NoExecute}). */
public record Taint(String key, String value, String effect, String timeAdded) {
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    public static Taint of(String key, String value, String effect) {
        return new Taint(key, value, effect, null);
    }

    /** How the scheduler names a taint in its messages: {@code {dedicated: db}}. */
    public String describe() {
        return "{" + key + ": " + (value == null ? "" : value) + "}";
    }
}
