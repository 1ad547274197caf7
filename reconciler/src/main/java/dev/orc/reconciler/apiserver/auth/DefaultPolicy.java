package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ClusterRole;
import dev.orc.api.model.ClusterRoleBinding;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.LabelSelector;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.PolicyRule;
import dev.orc.api.model.RoleRef;
import dev.orc.api.model.Subject;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.util.List;
import java.util.Map;

/**
 * The roles every cluster starts with, as Kubernetes bootstraps them: {@code cluster-admin} (everything, bound to
 * {@code system:masters}), the user-facing {@code admin}, {@code edit} and {@code view} (each aggregated from the
 * ClusterRoles labelled {@code rbac.authorization.k8s.io/aggregate-to-*}, so a team can extend them), and the
 * discovery and self-review rights of every authenticated user. Created when absent; a change a user made is kept.
 */
public final class DefaultPolicy {
    private static final String AGGREGATE = "rbac.authorization.k8s.io/aggregate-to-";
    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");

    private DefaultPolicy() {
    }

    public static void ensure(ObjectRegistry registry) {
        for (KubeObject object : objects()) {
            ResourceType type = object instanceof ClusterRole ? ResourceTypes.CLUSTER_ROLE
                    : ResourceTypes.CLUSTER_ROLE_BINDING;
            try {
                registry.create(type, null, (ObjectNode) Json.tree(object), false);
            } catch (ApiException.AlreadyExists kept) {
                // created at an earlier start, perhaps changed since: the cluster's own version stands
            }
        }
    }

    static List<KubeObject> objects() {
        return List.of(
                ClusterRole.of(ObjectMeta.named("cluster-admin"), List.of(
                        PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")),
                        PolicyRule.urls(List.of("*"), List.of("*")))),
                aggregated("admin", Map.of()),
                aggregated("edit", Map.of(AGGREGATE + "admin", "true")),
                aggregated("view", Map.of(AGGREGATE + "edit", "true", AGGREGATE + "admin", "true")),
                labelled("system:aggregate-to-view", "view", List.of(
                        PolicyRule.resources(List.of(""), List.of("pods", "pods/log", "pods/status", "services",
                                "services/status", "endpoints", "configmaps", "events", "namespaces",
                                "namespaces/status", "persistentvolumeclaims", "persistentvolumeclaims/status",
                                "serviceaccounts"), READ),
                        PolicyRule.resources(List.of("apps"), List.of("deployments", "deployments/scale",
                                "deployments/status", "replicasets", "replicasets/scale", "replicasets/status",
                                "daemonsets", "daemonsets/status", "statefulsets", "statefulsets/scale",
                                "statefulsets/status", "controllerrevisions"), READ),
                        PolicyRule.resources(List.of("batch"), List.of("jobs", "jobs/status", "cronjobs",
                                "cronjobs/status"), READ),
                        PolicyRule.resources(List.of("policy"), List.of("poddisruptionbudgets",
                                "poddisruptionbudgets/status"), READ),
                        PolicyRule.resources(List.of("networking.k8s.io"), List.of("ingresses", "ingresses/status"),
                                READ),
                        PolicyRule.resources(List.of("orc.dev"), List.of("gitsources", "gitsources/status",
                                "gitsources/diff"), READ))),
                ClusterRole.of(ObjectMeta.named("system:aggregated-metrics-reader").withLabels(Map.of(
                        AGGREGATE + "view", "true", AGGREGATE + "edit", "true", AGGREGATE + "admin", "true")), List.of(
                        PolicyRule.resources(List.of("metrics.k8s.io"), List.of("pods", "nodes"), READ))),
                labelled("system:aggregate-to-edit", "edit", List.of(
                        PolicyRule.resources(List.of(""), List.of("pods", "services", "endpoints", "configmaps",
                                "secrets", "persistentvolumeclaims", "serviceaccounts"), WRITE),
                        PolicyRule.resources(List.of(""), List.of("secrets"), READ),
                        PolicyRule.resources(List.of(""), List.of("pods/eviction"), List.of("create")),
                        PolicyRule.resources(List.of(""), List.of("pods/attach", "pods/exec", "pods/portforward"),
                                List.of("create", "get")),
                        PolicyRule.resources(List.of("apps"), List.of("deployments", "deployments/scale",
                                "replicasets", "replicasets/scale", "daemonsets", "statefulsets", "statefulsets/scale"),
                                WRITE),
                        PolicyRule.resources(List.of("batch"), List.of("jobs", "cronjobs"), WRITE),
                        PolicyRule.resources(List.of("policy"), List.of("poddisruptionbudgets"), WRITE),
                        PolicyRule.resources(List.of("networking.k8s.io"), List.of("ingresses"), WRITE),
                        PolicyRule.resources(List.of("orc.dev"), List.of("gitsources"), WRITE))),
                labelled("system:aggregate-to-admin", "admin", List.of(
                        PolicyRule.resources(List.of("rbac.authorization.k8s.io"), List.of("roles", "rolebindings"),
                                List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
                                        "watch")),
                        PolicyRule.resources(List.of("authorization.k8s.io"), List.of("localsubjectaccessreviews"),
                                List.of("create")))),
                ClusterRole.of(ObjectMeta.named("system:discovery"), List.of(PolicyRule.urls(List.of("/api", "/api/*",
                        "/apis", "/apis/*", "/healthz", "/livez", "/readyz", "/version", "/version/", "/openapi",
                        "/openapi/*"), List.of("get")))),
                ClusterRole.of(ObjectMeta.named("system:basic-user"), List.of(PolicyRule.resources(
                        List.of("authorization.k8s.io"), List.of("selfsubjectaccessreviews"), List.of("create")))),
                ClusterRoleBinding.of(ObjectMeta.named("cluster-admin"), List.of(Subject.group(UserInfo.MASTERS)),
                        RoleRef.clusterRole("cluster-admin")),
                ClusterRoleBinding.of(ObjectMeta.named("system:discovery"),
                        List.of(Subject.group(UserInfo.AUTHENTICATED)), RoleRef.clusterRole("system:discovery")),
                ClusterRoleBinding.of(ObjectMeta.named("system:basic-user"),
                        List.of(Subject.group(UserInfo.AUTHENTICATED)), RoleRef.clusterRole("system:basic-user")));
    }

    /** A user-facing role whose rules are those of every ClusterRole labelled as aggregating to it. */
    private static ClusterRole aggregated(String name, Map<String, String> labels) {
        ClusterRole role = ClusterRole.of(ObjectMeta.named(name).withLabels(labels), List.of());
        return new ClusterRole(role.apiVersion(), role.kind(), role.metadata(), List.of(),
                new ClusterRole.AggregationRule(List.of(LabelSelector.ofLabels(Map.of(AGGREGATE + name, "true")))));
    }

    private static ClusterRole labelled(String name, String aggregatesTo, List<PolicyRule> rules) {
        return ClusterRole.of(ObjectMeta.named(name).withLabels(Map.of(AGGREGATE + aggregatesTo, "true")), rules);
    }
}
