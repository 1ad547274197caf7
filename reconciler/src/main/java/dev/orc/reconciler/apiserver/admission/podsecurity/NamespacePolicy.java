package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;

/**
 * The Pod Security policies a namespace's labels set for each mode: {@code enforce} refuses a pod, {@code warn} tells
 * the client, {@code audit} records it; each with its {@code -version}. A namespace without an enforce label enforces
 * baseline (Kubernetes' default is privileged; orc's is safer), but for the system namespaces, which are privileged; a
 * mode without its label does not warn or audit. An unreadable level or version is read as {@code restricted:latest}.
 */
public record NamespacePolicy(Policy enforce, Optional<Policy> warn, Optional<Policy> audit) {
    public static final String PREFIX = "pod-security.kubernetes.io/";
    public static final Set<String> PRIVILEGED_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease",
            "orc-system");

    /** The policies of {@code namespace} whose labels are {@code labels} (missing when the namespace is not found). */
    public static NamespacePolicy of(String namespace, JsonNode labels) {
        Level defaultLevel = PRIVILEGED_NAMESPACES.contains(namespace) ? Level.PRIVILEGED : Level.BASELINE;
        return new NamespacePolicy(
                mode(labels, "enforce").orElse(new Policy(defaultLevel, Policy.LATEST)),
                mode(labels, "warn"),
                mode(labels, "audit"));
    }

    private static Optional<Policy> mode(JsonNode labels, String mode) {
        JsonNode level = labels.path(PREFIX + mode);
        if (!level.isTextual()) {
            return Optional.empty();
        }
        JsonNode version = labels.path(PREFIX + mode + "-version");
        String versionText = version.isTextual() ? version.asText() : Policy.LATEST;
        Optional<Level> parsed = Level.parse(level.asText());
        if (parsed.isEmpty() || !Policy.validVersion(versionText)) {
            return Optional.of(Policy.UNREADABLE);
        }
        return Optional.of(new Policy(parsed.get(), versionText));
    }
}
