package dev.orc.node.runtime;

/**
 * The engine behind a runtime, for a Node's nodeInfo.
 *
 * @param name e.g. {@code docker}
 * @param version e.g. {@code 20.10.24}
 * @param apiVersion e.g. {@code 1.41}
 */
public record RuntimeVersion(String name, String version, String apiVersion, String os, String arch,
                             String kernelVersion) {

    /** As Kubernetes writes containerRuntimeVersion: {@code docker://20.10.24}. */
    public String runtimeVersionUri() {
        return name + "://" + version;
    }
}
