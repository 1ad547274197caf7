package dev.orc.node.runtime;

/**
 * A sample of a container's resource usage.
 *
 * @param cpuUsageNanos CPU time used since the container started
 * @param memoryUsageBytes memory in use now
 * @param memoryLimitBytes the limit the engine applies (the host's memory when unlimited)
 */
public record ContainerStats(long cpuUsageNanos, long memoryUsageBytes, long memoryLimitBytes) {
}
