package dev.orc.node.runtime;

/**
 * Limits enforced by the runtime; 0 means unlimited.
 *
 * @param memoryBytes memory limit; a container above it is OOM-killed (swap is not granted on top)
 * @param nanoCpus CPU limit in billionths of a CPU (Kubernetes' {@code 500m} is 500_000_000)
 * @param pidsLimit maximum number of processes
 */
public record Resources(long memoryBytes, long nanoCpus, long pidsLimit) {

    public static final Resources UNLIMITED = new Resources(0, 0, 0);

    public Resources {
        requireNonNegative("memoryBytes", memoryBytes);
        requireNonNegative("nanoCpus", nanoCpus);
        requireNonNegative("pidsLimit", pidsLimit);
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }
}
