package dev.orc.node.proxy;

/**
 * What makes a node serve its Services: the user-space {@link ServiceProxy} or the kernel's {@link KernelProxy}.
 * Each {@link #apply} takes the whole current state; closing removes everything the forwarder set up.
 */
public interface ServiceForwarder extends AutoCloseable {
    void apply(ServiceSnapshot snapshot);

    @Override
    void close();
}
