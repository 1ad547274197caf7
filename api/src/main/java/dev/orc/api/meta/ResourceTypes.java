package dev.orc.api.meta;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every kind orc serves, as Kubernetes names them. */
public final class ResourceTypes {
    private static final List<String> WORKLOAD = List.of("all");

    public static final ResourceType NAMESPACE = new ResourceType("", "v1", "Namespace", "namespaces", "namespace",
            false, List.of("ns"), List.of(), List.of("status", "finalize"));
    public static final ResourceType POD = new ResourceType("", "v1", "Pod", "pods", "pod",
            true, List.of("po"), WORKLOAD, List.of("status", "binding", "log", "eviction"));
    public static final ResourceType SERVICE = new ResourceType("", "v1", "Service", "services", "service",
            true, List.of("svc"), WORKLOAD, List.of("status"));
    public static final ResourceType ENDPOINTS = new ResourceType("", "v1", "Endpoints", "endpoints", "endpoints",
            true, List.of("ep"), List.of(), List.of());
    public static final ResourceType CONFIG_MAP = new ResourceType("", "v1", "ConfigMap", "configmaps", "configmap",
            true, List.of("cm"), List.of(), List.of());
    public static final ResourceType SECRET = new ResourceType("", "v1", "Secret", "secrets", "secret",
            true, List.of(), List.of(), List.of());
    public static final ResourceType SERVICE_ACCOUNT = new ResourceType("", "v1", "ServiceAccount", "serviceaccounts",
            "serviceaccount", true, List.of("sa"), List.of(), List.of("token"));
    public static final ResourceType NODE = new ResourceType("", "v1", "Node", "nodes", "node",
            false, List.of("no"), List.of(), List.of("status"));
    public static final ResourceType EVENT = new ResourceType("", "v1", "Event", "events", "event",
            true, List.of("ev"), List.of(), List.of());
    public static final ResourceType DEPLOYMENT = new ResourceType("apps", "v1", "Deployment", "deployments", "deployment",
            true, List.of("deploy"), WORKLOAD, List.of("status", "scale"));
    public static final ResourceType REPLICA_SET = new ResourceType("apps", "v1", "ReplicaSet", "replicasets", "replicaset",
            true, List.of("rs"), WORKLOAD, List.of("status", "scale"));
    public static final ResourceType DAEMON_SET = new ResourceType("apps", "v1", "DaemonSet", "daemonsets", "daemonset",
            true, List.of("ds"), WORKLOAD, List.of("status"));
    public static final ResourceType STATEFUL_SET = new ResourceType("apps", "v1", "StatefulSet", "statefulsets",
            "statefulset", true, List.of("sts"), WORKLOAD, List.of("status", "scale"));
    public static final ResourceType CONTROLLER_REVISION = new ResourceType("apps", "v1", "ControllerRevision",
            "controllerrevisions", "controllerrevision", true, List.of(), List.of(), List.of());
    public static final ResourceType PERSISTENT_VOLUME_CLAIM = new ResourceType("", "v1", "PersistentVolumeClaim",
            "persistentvolumeclaims", "persistentvolumeclaim", true, List.of("pvc"), List.of(), List.of("status"));
    public static final ResourceType JOB = new ResourceType("batch", "v1", "Job", "jobs", "job",
            true, List.of(), WORKLOAD, List.of("status"));
    public static final ResourceType CRON_JOB = new ResourceType("batch", "v1", "CronJob", "cronjobs", "cronjob",
            true, List.of("cj"), WORKLOAD, List.of("status"));
    public static final ResourceType POD_DISRUPTION_BUDGET = new ResourceType("policy", "v1", "PodDisruptionBudget",
            "poddisruptionbudgets", "poddisruptionbudget", true, List.of("pdb"), List.of(), List.of("status"));
    private static final String NETWORKING = "networking.k8s.io";
    public static final ResourceType INGRESS = new ResourceType(NETWORKING, "v1", "Ingress", "ingresses", "ingress",
            true, List.of("ing"), List.of(), List.of("status"));
    public static final ResourceType INGRESS_CLASS = new ResourceType(NETWORKING, "v1", "IngressClass", "ingressclasses",
            "ingressclass", false, List.of(), List.of(), List.of());
    public static final ResourceType GIT_SOURCE = new ResourceType("orc.dev", "v1", "GitSource", "gitsources", "gitsource",
            true, List.of("gs"), List.of(), List.of("status"));
    /** Leader election records in kube-system, node heartbeats in kube-node-lease, as Kubernetes keeps them. */
    public static final ResourceType LEASE = new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", "lease",
            true, List.of(), List.of(), List.of());

    private static final String RBAC = "rbac.authorization.k8s.io";
    public static final ResourceType ROLE = new ResourceType(RBAC, "v1", "Role", "roles", "role",
            true, List.of(), List.of(), List.of());
    public static final ResourceType CLUSTER_ROLE = new ResourceType(RBAC, "v1", "ClusterRole", "clusterroles",
            "clusterrole", false, List.of(), List.of(), List.of());
    public static final ResourceType ROLE_BINDING = new ResourceType(RBAC, "v1", "RoleBinding", "rolebindings",
            "rolebinding", true, List.of(), List.of(), List.of());
    public static final ResourceType CLUSTER_ROLE_BINDING = new ResourceType(RBAC, "v1", "ClusterRoleBinding",
            "clusterrolebindings", "clusterrolebinding", false, List.of(), List.of(), List.of());

    private static final List<ResourceType> ALL = List.of(NAMESPACE, POD, SERVICE, ENDPOINTS, CONFIG_MAP, SECRET, NODE,
            SERVICE_ACCOUNT, EVENT, PERSISTENT_VOLUME_CLAIM, DEPLOYMENT, REPLICA_SET, DAEMON_SET, STATEFUL_SET, CONTROLLER_REVISION, JOB,
            CRON_JOB, POD_DISRUPTION_BUDGET, INGRESS, INGRESS_CLASS, GIT_SOURCE, LEASE, ROLE, CLUSTER_ROLE, ROLE_BINDING, CLUSTER_ROLE_BINDING);

    private ResourceTypes() {
    }

    public static List<ResourceType> all() {
        return ALL;
    }

    /** The type of a manifest's {@code apiVersion} and {@code kind}, if orc serves it. */
    public static Optional<ResourceType> byApiVersionAndKind(String apiVersion, String kind) {
        return ALL.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    /** Kinds orc serves under the given kind name, whatever their apiVersion (for "did you mean" messages). */
    public static Optional<ResourceType> byKind(String kind) {
        return ALL.stream().filter(t -> t.kind().equals(kind)).findFirst();
    }

    public static Optional<ResourceType> byGroupVersionAndPlural(String group, String version, String plural) {
        return ALL.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    /**
     * Resolves what a user types on the command line: plural, singular, kind, short name or
     * {@code plural.group}, case-insensitively ({@code deploy}, {@code Deployment}, {@code deployments.apps}).
     */
    public static Optional<ResourceType> byCliName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (ResourceType t : ALL) {
            String groupSuffix = t.group().isEmpty() ? "" : "." + t.group();
            if (wanted.equals(t.plural()) || wanted.equals(t.singular())
                    || wanted.equals(t.kind().toLowerCase(Locale.ROOT)) || t.shortNames().contains(wanted)
                    || (!groupSuffix.isEmpty() && (wanted.equals(t.plural() + groupSuffix)
                    || wanted.equals(t.singular() + groupSuffix)))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
