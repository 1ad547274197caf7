package dev.orc.api.model;

import java.util.List;

/**
 * rbac.authorization.k8s.io/v1 ClusterRole: rules granted across the cluster by a ClusterRoleBinding, or within one
 * namespace by a RoleBinding; with an {@code aggregationRule}, its rules are those of the ClusterRoles it selects.
 */
public record ClusterRole(String apiVersion, String kind, ObjectMeta metadata, @OmitEmpty List<PolicyRule> rules,
                          AggregationRule aggregationRule) implements KubeObject {
    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    public static final String KIND = "ClusterRole";

    public ClusterRole {
        rules = Immutable.list(rules);
    }

    /** Which ClusterRoles' rules an aggregated ClusterRole gathers. */
    public record AggregationRule(@OmitEmpty List<LabelSelector> clusterRoleSelectors) {
        public AggregationRule {
            clusterRoleSelectors = Immutable.list(clusterRoleSelectors);
        }
    }

    public static ClusterRole of(ObjectMeta metadata, List<PolicyRule> rules) {
        return new ClusterRole(API_VERSION, KIND, metadata, rules, null);
    }

    @Override
    public ClusterRole withMetadata(ObjectMeta metadata) {
        return new ClusterRole(apiVersion, kind, metadata, rules, aggregationRule);
    }
}
