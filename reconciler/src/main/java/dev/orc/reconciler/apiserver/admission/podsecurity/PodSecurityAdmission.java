package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.RequestWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pod Security admission, in the modes of its namespace's labels ({@link NamespacePolicy}): a pod being created that
 * fails the enforced level is refused as Kubernetes words it ({@code pods "x" is forbidden: violates PodSecurity
 * "baseline:latest": hostPath volumes (volume "h")}); one failing the warn level is answered with a warning
 * ({@code would violate PodSecurity "restricted:latest": ...}), one failing the audit level is logged. The pod template
 * of a workload (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob) written by a client is never refused:
 * what it would violate at the enforce or warn level is a warning, at the audit level a log line.
 */
public final class PodSecurityAdmission {
    public static final String ENFORCE = NamespacePolicy.PREFIX + "enforce";
    public static final String WARN = NamespacePolicy.PREFIX + "warn";
    public static final String AUDIT = NamespacePolicy.PREFIX + "audit";
    private static final Logger AUDIT_LOG = LoggerFactory.getLogger("dev.orc.audit.podsecurity");
    private static final Set<ResourceType> WORKLOADS = Set.of(ResourceTypes.DEPLOYMENT, ResourceTypes.REPLICA_SET,
            ResourceTypes.STATEFUL_SET, ResourceTypes.DAEMON_SET, ResourceTypes.JOB, ResourceTypes.CRON_JOB);

    private final Function<String, Optional<JsonNode>> namespaces;

    /** {@code namespaces} finds a Namespace object by name. */
    public PodSecurityAdmission(Function<String, Optional<JsonNode>> namespaces) {
        this.namespaces = namespaces;
    }

    /** Whether {@link #checkTemplate} looks at objects of {@code type}. */
    public static boolean hasPodTemplate(ResourceType type) {
        return WORKLOADS.contains(type);
    }

    /** The pod, if it is not being created or passes its namespace's enforced level; else Forbidden naming what it violates. */
    public ObjectNode check(String namespace, ObjectNode pod) {
        if (pod.path("metadata").hasNonNull("uid")) {
            return pod;
        }
        NamespacePolicy policy = policy(namespace);
        JsonNode spec = pod.path("spec");
        String name = pod.path("metadata").path("name").asText();
        policy.audit().ifPresent(audit -> audit(audit, spec, "pods", namespace, name));
        List<Violation> enforced = PodSecurityStandards.check(policy.enforce().level(), spec);
        policy.warn().filter(warn -> !(warn.equals(policy.enforce()) && !enforced.isEmpty()))
                .ifPresent(warn -> warn(warn, spec));
        if (!enforced.isEmpty()) {
            throw new ApiException.Forbidden(ResourceTypes.POD, name,
                    "violates PodSecurity \"" + policy.enforce() + "\": " + joined(enforced));
        }
        return pod;
    }

    /**
     * The workload unchanged; when a client writes it, warnings of what its pod template would violate at the
     * enforce and warn levels, and a log line of what it would violate at the audit level. Writes of the server's own
     * controllers (which answer no client) are not looked at.
     */
    public ObjectNode checkTemplate(ResourceType type, String namespace, ObjectNode workload) {
        JsonNode spec = templateSpec(type, workload);
        if (spec.isMissingNode() || !RequestWarnings.collected()) {
            return workload;
        }
        NamespacePolicy policy = policy(namespace);
        warn(policy.enforce(), spec);
        policy.warn().filter(warn -> !warn.equals(policy.enforce())).ifPresent(warn -> warn(warn, spec));
        policy.audit().ifPresent(audit -> audit(audit, spec, type.plural(), namespace,
                workload.path("metadata").path("name").asText()));
        return workload;
    }

    /** The pod spec of a workload's template; missing for other kinds. */
    static JsonNode templateSpec(ResourceType type, JsonNode workload) {
        if (type == ResourceTypes.CRON_JOB) {
            return workload.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        }
        return WORKLOADS.contains(type) ? workload.path("spec").path("template").path("spec") : MissingNode.getInstance();
    }

    private static void warn(Policy policy, JsonNode spec) {
        List<Violation> violations = PodSecurityStandards.check(policy.level(), spec);
        if (!violations.isEmpty()) {
            RequestWarnings.add("would violate PodSecurity \"" + policy + "\": " + joined(violations));
        }
    }

    private static void audit(Policy policy, JsonNode spec, String resource, String namespace, String name) {
        List<Violation> violations = PodSecurityStandards.check(policy.level(), spec);
        if (!violations.isEmpty()) {
            AUDIT_LOG.info("{} \"{}\" in namespace \"{}\" would violate PodSecurity \"{}\": {}", resource, name,
                    namespace, policy, joined(violations));
        }
    }

    private static String joined(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining(", "));
    }

    NamespacePolicy policy(String namespace) {
        JsonNode labels = namespaces.apply(namespace).map(ns -> ns.path("metadata").path("labels"))
                .orElse(MissingNode.getInstance());
        return NamespacePolicy.of(namespace, labels);
    }
}
