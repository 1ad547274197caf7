package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.registry.ApiException;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pod Security admission: a pod being created must pass the level its namespace enforces, the namespace's label
 * {@value #ENFORCE} ({@code privileged}, {@code baseline} or {@code restricted}); an unreadable value enforces
 * restricted. A namespace without the label enforces baseline (Kubernetes' default is privileged; orc's is safer),
 * but for the system namespaces, which are privileged. A refusal is worded as Kubernetes words it:
 * {@code pods "x" is forbidden: violates PodSecurity "baseline:latest": hostPath volumes (volume "h")}.
 */
public final class PodSecurityAdmission {
    public static final String ENFORCE = "pod-security.kubernetes.io/enforce";
    public static final Set<String> PRIVILEGED_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease",
            "orc-system");

    private final Function<String, Optional<JsonNode>> namespaces;

    /** {@code namespaces} finds a Namespace object by name. */
    public PodSecurityAdmission(Function<String, Optional<JsonNode>> namespaces) {
        this.namespaces = namespaces;
    }

    /** The pod, if it is not being created or passes its namespace's level; else Forbidden naming what it violates. */
    public ObjectNode check(String namespace, ObjectNode pod) {
        if (pod.path("metadata").hasNonNull("uid")) {
            return pod;
        }
        Level level = level(namespace);
        List<Violation> violations = PodSecurityStandards.check(level, pod.path("spec"));
        if (!violations.isEmpty()) {
            throw new ApiException.Forbidden(ResourceTypes.POD, pod.path("metadata").path("name").asText(),
                    "violates PodSecurity \"" + level.label() + ":latest\": "
                            + violations.stream().map(Violation::toString).collect(Collectors.joining(", ")));
        }
        return pod;
    }

    Level level(String namespace) {
        JsonNode label = namespaces.apply(namespace).map(ns -> ns.path("metadata").path("labels").path(ENFORCE))
                .orElse(null);
        if (label == null || label.isMissingNode() || label.isNull()) {
            return PRIVILEGED_NAMESPACES.contains(namespace) ? Level.PRIVILEGED : Level.BASELINE;
        }
        return Level.parse(label.asText()).orElse(Level.RESTRICTED);
    }
}
