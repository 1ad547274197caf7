package dev.orc.node.pod;

import java.util.Optional;

/**
 * Where env values from ConfigMaps and Secrets come from. Until the agent reads them through the API
 * (issue 10), {@link #NONE} finds nothing: a required reference then leaves the container waiting
 * with CreateContainerConfigError, an optional one is skipped, as in Kubernetes.
 */
public interface ConfigSource {

    ConfigSource NONE = new ConfigSource() {
        @Override
        public Optional<String> configMapKey(String namespace, String name, String key) {
            return Optional.empty();
        }

        @Override
        public Optional<String> secretKey(String namespace, String name, String key) {
            return Optional.empty();
        }
    };

    Optional<String> configMapKey(String namespace, String name, String key);

    Optional<String> secretKey(String namespace, String name, String key);
}
