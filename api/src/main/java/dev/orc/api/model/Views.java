package dev.orc.api.model;

import java.util.Map;

/** The record that views each kind the API serves, for code that handles every kind alike (the garbage collector). */
public final class Views {
    private static final Map<String, Class<? extends KubeObject>> BY_KIND = Map.ofEntries(
            Map.entry(Namespace.KIND, Namespace.class), Map.entry(Pod.KIND, Pod.class),
            Map.entry(Service.KIND, Service.class), Map.entry(Endpoints.KIND, Endpoints.class),
            Map.entry(ConfigMap.KIND, ConfigMap.class), Map.entry(Secret.KIND, Secret.class),
            Map.entry(ServiceAccount.KIND, ServiceAccount.class),
            Map.entry(Node.KIND, Node.class), Map.entry(Event.KIND, Event.class),
            Map.entry(Deployment.KIND, Deployment.class), Map.entry(ReplicaSet.KIND, ReplicaSet.class),
            Map.entry(DaemonSet.KIND, DaemonSet.class), Map.entry(Job.KIND, Job.class),
            Map.entry(CronJob.KIND, CronJob.class), Map.entry(PodDisruptionBudget.KIND, PodDisruptionBudget.class),
            Map.entry(StatefulSet.KIND, StatefulSet.class),
            Map.entry(ControllerRevision.KIND, ControllerRevision.class),
            Map.entry(PersistentVolumeClaim.KIND, PersistentVolumeClaim.class),
            Map.entry(Ingress.KIND, Ingress.class), Map.entry(IngressClass.KIND, IngressClass.class),
            Map.entry(GitSource.KIND, GitSource.class), Map.entry(Lease.KIND, Lease.class), Map.entry(Role.KIND, Role.class),
            Map.entry(ClusterRole.KIND, ClusterRole.class), Map.entry(RoleBinding.KIND, RoleBinding.class),
            Map.entry(ClusterRoleBinding.KIND, ClusterRoleBinding.class));

    private Views() {
    }

    /** The view of {@code kind}; a kind without one is a programming error. */
    public static Class<? extends KubeObject> of(String kind) {
        Class<? extends KubeObject> view = BY_KIND.get(kind);
        if (view == null) {
            throw new IllegalArgumentException("no view of kind " + kind);
        }
        return view;
    }

    /** The kind {@code view} views; a class that views none is a programming error. */
    public static String kindOf(Class<? extends KubeObject> view) {
        return BY_KIND.entrySet().stream().filter(e -> e.getValue() == view).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(view.getSimpleName() + " views no kind"));
    }
}
