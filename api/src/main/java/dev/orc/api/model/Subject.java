package dev.orc.api.model;

/** Who a binding grants its role to: a User, a Group, or a ServiceAccount (with its namespace). */
public record Subject(String kind, String name, String namespace, String apiGroup) {
    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";

    public static Subject group(String name) {
        return new Subject(GROUP, name, null, RoleRef.RBAC_GROUP);
    }

    public static Subject user(String name) {
        return new Subject(USER, name, null, RoleRef.RBAC_GROUP);
    }
}
