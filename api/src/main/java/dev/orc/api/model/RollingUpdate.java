package dev.orc.api.model;

/**
 * How far a rolling update may go below ({@code maxUnavailable}, rounded down) and above
 * ({@code maxSurge}, rounded up) the desired replica count: a number or a percentage.
 */
public record RollingUpdate(IntOrString maxUnavailable, IntOrString maxSurge) {
}
