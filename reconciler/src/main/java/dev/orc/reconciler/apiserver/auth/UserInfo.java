package dev.orc.reconciler.apiserver.auth;

import java.util.List;

/** Who a request comes from, as Kubernetes' authenticators name it: a user name, a uid and groups. */
public record UserInfo(String name, String uid, List<String> groups) {
    /** Members are allowed everything without any RBAC rule, as in Kubernetes. */
    public static final String MASTERS = "system:masters";
    /** Every authenticated user is in it. */
    public static final String AUTHENTICATED = "system:authenticated";

    public UserInfo {
        groups = List.copyOf(groups);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
