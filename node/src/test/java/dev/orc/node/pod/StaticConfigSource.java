package dev.orc.node.pod;

import dev.orc.node.config.ConfigSource;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** ConfigMaps and Secrets held in maps, for tests of env and volume resolution. */
public final class StaticConfigSource implements ConfigSource {
    private final Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final Map<String, PersistentVolumeClaim> claims = new LinkedHashMap<>();

    public StaticConfigSource configMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(namespace + "/" + name, ConfigMap.of(ObjectMeta.of(namespace, name), data));
        return this;
    }

    public StaticConfigSource secret(String namespace, String name, Map<String, String> plain) {
        Map<String, String> encoded = new LinkedHashMap<>();
        plain.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, Secret.of(ObjectMeta.of(namespace, name), encoded));
        return this;
    }

    /** A claim of that name with {@code uid}; a second call replaces it, as a claim deleted and made again. */
    public StaticConfigSource claim(String namespace, String name, String uid) {
        claims.put(namespace + "/" + name, new PersistentVolumeClaim(PersistentVolumeClaim.API_VERSION,
                PersistentVolumeClaim.KIND, ObjectMeta.of(namespace, name).withUid(uid), null, null));
        return this;
    }

    public StaticConfigSource withoutClaim(String namespace, String name) {
        claims.remove(namespace + "/" + name);
        return this;
    }

    @Override
    public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
        return Optional.ofNullable(claims.get(namespace + "/" + name));
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }
}
