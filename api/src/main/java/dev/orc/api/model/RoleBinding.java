package dev.orc.api.model;

import java.util.List;

/** rbac.authorization.k8s.io/v1 RoleBinding: grants a Role's or ClusterRole's rules within one namespace. */
public record RoleBinding(String apiVersion, String kind, ObjectMeta metadata, @OmitEmpty List<Subject> subjects,
                          RoleRef roleRef) implements KubeObject {
    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    public static final String KIND = "RoleBinding";

    public RoleBinding {
        subjects = Immutable.list(subjects);
    }

    public static RoleBinding of(ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef) {
        return new RoleBinding(API_VERSION, KIND, metadata, subjects, roleRef);
    }

    @Override
    public RoleBinding withMetadata(ObjectMeta metadata) {
        return new RoleBinding(apiVersion, kind, metadata, subjects, roleRef);
    }
}
