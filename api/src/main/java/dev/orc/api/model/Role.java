package dev.orc.api.model;

import java.util.List;

/** rbac.authorization.k8s.io/v1 Role: rules that a RoleBinding grants within the role's namespace. */
public record Role(String apiVersion, String kind, ObjectMeta metadata, @OmitEmpty List<PolicyRule> rules)
        implements KubeObject {
    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    public static final String KIND = "Role";

    public Role {
        rules = Immutable.list(rules);
    }

    public static Role of(ObjectMeta metadata, List<PolicyRule> rules) {
        return new Role(API_VERSION, KIND, metadata, rules);
    }

    @Override
    public Role withMetadata(ObjectMeta metadata) {
        return new Role(apiVersion, kind, metadata, rules);
    }
}
