package dev.orc.node.config;

import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where ConfigMaps, Secrets and PersistentVolumeClaims come from for env and volumes. {@link #NONE} finds nothing: a required
 * reference then leaves the container waiting with CreateContainerConfigError, an optional one is
 * skipped, as in Kubernetes. The agent reads them through the API ({@code dev.orc.node.CachedConfigSource}).
 */
public interface ConfigSource {

    ConfigSource NONE = new ConfigSource() {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
            return Optional.empty();
        }
    };

    Optional<ConfigMap> configMap(String namespace, String name);

    Optional<Secret> secret(String namespace, String name);

    Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name);

    /** A key of a ConfigMap as text, from {@code data} or else decoded from {@code binaryData}. */
    static Optional<byte[]> bytes(ConfigMap configMap, String key) {
        String text = configMap.data().get(key);
        if (text != null) {
            return Optional.of(text.getBytes(StandardCharsets.UTF_8));
        }
        String binary = configMap.binaryData().get(key);
        return binary == null ? Optional.empty() : Optional.of(Base64.getDecoder().decode(binary));
    }
}
