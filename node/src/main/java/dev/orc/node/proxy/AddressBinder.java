package dev.orc.node.proxy;

/** Makes a service's virtual IP an address of this node, so the proxy can listen on it. */
public interface AddressBinder extends AutoCloseable {
    /** Binds {@code ip} as a /32; false when it cannot (the proxy then serves that service's NodePorts only). */
    boolean bind(String ip);

    void unbind(String ip);

    /** Removes every address this binder added. */
    @Override
    void close();

    /** For addresses that are local already, like 127.0.0.0/8 on Linux's loopback: binds nothing. */
    static AddressBinder alreadyLocal() {
        return new AddressBinder() {
            @Override
            public boolean bind(String ip) {
                return true;
            }

            @Override
            public void unbind(String ip) {
            }

            @Override
            public void close() {
            }
        };
    }
}
