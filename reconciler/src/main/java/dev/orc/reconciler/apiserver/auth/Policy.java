package dev.orc.reconciler.apiserver.auth;

import dev.orc.api.model.ClusterRole;
import dev.orc.api.model.ClusterRoleBinding;
import dev.orc.api.model.PolicyRule;
import dev.orc.api.model.Role;
import dev.orc.api.model.RoleBinding;
import dev.orc.api.model.RoleRef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The RBAC objects at one moment, indexed for authorization: roles by namespace and name, cluster roles by name,
 * role bindings by namespace, and every cluster role binding.
 */
public record Policy(Map<String, Role> roles, Map<String, ClusterRole> clusterRoles,
                     Map<String, List<RoleBinding>> roleBindings, List<ClusterRoleBinding> clusterRoleBindings) {

    public static Policy of(List<Role> roles, List<ClusterRole> clusterRoles, List<RoleBinding> roleBindings,
                            List<ClusterRoleBinding> clusterRoleBindings) {
        return new Policy(
                roles.stream().collect(Collectors.toUnmodifiableMap(r -> key(r.metadata().namespace(), r.name()),
                        Function.identity(), (a, b) -> a)),
                clusterRoles.stream().collect(Collectors.toUnmodifiableMap(ClusterRole::name, Function.identity(),
                        (a, b) -> a)),
                roleBindings.stream().collect(Collectors.groupingBy(b -> b.metadata().namespace(),
                        Collectors.toUnmodifiableList())),
                List.copyOf(clusterRoleBindings));
    }

    /** The rules a binding's roleRef grants; empty when the role does not exist (yet). */
    List<PolicyRule> rulesOf(RoleRef ref, String bindingNamespace) {
        if (ref == null) {
            return List.of();
        }
        if (Role.KIND.equals(ref.kind())) {
            Role role = roles.get(key(bindingNamespace, ref.name()));
            return role == null ? List.of() : role.rules();
        }
        return clusterRoleRules(ref.name(), new HashSet<>());
    }

    /**
     * A cluster role's rules; an aggregated one's are those of every cluster role its selectors pick, gathered when
     * asked (Kubernetes' aggregation controller writes the same union into the role).
     */
    private List<PolicyRule> clusterRoleRules(String name, Set<String> visiting) {
        ClusterRole role = clusterRoles.get(name);
        if (role == null || !visiting.add(name)) {
            return List.of();
        }
        List<PolicyRule> rules = new ArrayList<>(role.rules());
        if (role.aggregationRule() != null) {
            for (ClusterRole other : clusterRoles.values()) {
                boolean picked = role.aggregationRule().clusterRoleSelectors().stream()
                        .anyMatch(selector -> selector.matches(other.metadata().labels()));
                if (picked && !other.name().equals(name)) {
                    rules.addAll(clusterRoleRules(other.name(), visiting));
                }
            }
        }
        return rules;
    }

    List<RoleBinding> roleBindingsIn(String namespace) {
        return roleBindings.getOrDefault(namespace, List.of());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
