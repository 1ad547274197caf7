package dev.orc.api.model;

/** The role a binding grants: a Role in the binding's namespace or a ClusterRole. */
public record RoleRef(String apiGroup, String kind, String name) {
    public static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    public static RoleRef clusterRole(String name) {
        return new RoleRef(RBAC_GROUP, ClusterRole.KIND, name);
    }
}
