package dev.orc.api.model;

import java.util.List;

/** rbac.authorization.k8s.io/v1 ClusterRoleBinding: grants a ClusterRole's rules across the cluster. */
public record ClusterRoleBinding(String apiVersion, String kind, ObjectMeta metadata,
                                 @OmitEmpty List<Subject> subjects, RoleRef roleRef) implements KubeObject {
    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    public static final String KIND = "ClusterRoleBinding";

    public ClusterRoleBinding {
        subjects = Immutable.list(subjects);
    }

    public static ClusterRoleBinding of(ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef) {
        return new ClusterRoleBinding(API_VERSION, KIND, metadata, subjects, roleRef);
    }

    @Override
    public ClusterRoleBinding withMetadata(ObjectMeta metadata) {
        return new ClusterRoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }
}
