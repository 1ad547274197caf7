package dev.orc.api.model;

/** An environment variable, given literally ({@code value}) or read from elsewhere ({@code valueFrom}). */
public record EnvVar(String name, String value, EnvVarSource valueFrom) {
    public static EnvVar of(String name, String value) {
        return new EnvVar(name, value, null);
    }
}
