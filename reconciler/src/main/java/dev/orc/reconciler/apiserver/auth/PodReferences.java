package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.model.ServiceAccount;

import java.util.HashSet;
import java.util.Set;

/**
 * The Secrets, ConfigMaps and PersistentVolumeClaims a pod uses, and the ServiceAccount it runs as, by name: through volumes (also projected ones),
 * env and envFrom of its containers and init containers, and its image pull secrets; what its node must read to
 * run it, and no more.
 */
record PodReferences(Set<String> secrets, Set<String> configMaps, Set<String> claims, String serviceAccount) {
    PodReferences {
        secrets = Set.copyOf(secrets);
        configMaps = Set.copyOf(configMaps);
        claims = Set.copyOf(claims);
    }

    static PodReferences of(JsonNode pod) {
        Set<String> secrets = new HashSet<>();
        Set<String> configMaps = new HashSet<>();
        Set<String> claims = new HashSet<>();
        JsonNode spec = pod.path("spec");
        for (JsonNode volume : spec.path("volumes")) {
            add(secrets, volume.path("secret").path("secretName"));
            add(configMaps, volume.path("configMap").path("name"));
            add(claims, volume.path("persistentVolumeClaim").path("claimName"));
            for (JsonNode source : volume.path("projected").path("sources")) {
                add(secrets, source.path("secret").path("name"));
                add(configMaps, source.path("configMap").path("name"));
            }
        }
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode container : spec.path(list)) {
                for (JsonNode env : container.path("env")) {
                    add(secrets, env.path("valueFrom").path("secretKeyRef").path("name"));
                    add(configMaps, env.path("valueFrom").path("configMapKeyRef").path("name"));
                }
                for (JsonNode from : container.path("envFrom")) {
                    add(secrets, from.path("secretRef").path("name"));
                    add(configMaps, from.path("configMapRef").path("name"));
                }
            }
        }
        for (JsonNode pull : spec.path("imagePullSecrets")) {
            add(secrets, pull.path("name"));
        }
        return new PodReferences(secrets, configMaps, claims,
                spec.path("serviceAccountName").asText(ServiceAccount.DEFAULT));
    }

    /** Whether the pod uses the object of this resource ({@code secrets}, {@code configmaps}, ...) and name. */
    boolean uses(String resource, String name) {
        return switch (resource) {
            case "secrets" -> secrets.contains(name);
            case "configmaps" -> configMaps.contains(name);
            case "persistentvolumeclaims" -> claims.contains(name);
            case "serviceaccounts" -> serviceAccount.equals(name);
            default -> false;
        };
    }

    private static void add(Set<String> names, JsonNode name) {
        if (name.isTextual() && !name.asText().isEmpty()) {
            names.add(name.asText());
        }
    }
}
