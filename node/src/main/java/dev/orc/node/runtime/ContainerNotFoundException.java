package dev.orc.node.runtime;

/** No container has the given id or name. */
public class ContainerNotFoundException extends ContainerRuntimeException {

    public ContainerNotFoundException(String idOrName) {
        super("no container named or with id '" + idOrName + "'");
    }
}
