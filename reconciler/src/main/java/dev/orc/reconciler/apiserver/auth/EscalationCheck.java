package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ClusterRole;
import dev.orc.api.model.ClusterRoleBinding;
import dev.orc.api.model.PolicyRule;
import dev.orc.api.model.Role;
import dev.orc.api.model.RoleBinding;
import dev.orc.api.model.RoleRef;
import dev.orc.api.status.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * RBAC's escalation prevention, as Kubernetes has it: nobody grants what they do not hold. A Role or ClusterRole
 * may only hold rules its writer is allowed in the same scope (unless the writer may {@code escalate} roles there),
 * and a binding may only grant a role whose rules its writer holds (unless the writer may {@code bind} that role).
 * Writes by {@code system:masters} and by the server itself (no request user) are not checked.
 */
public final class EscalationCheck {
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private final Authorizer authorizer;
    private final Supplier<Policy> policy;

    public EscalationCheck(Authorizer authorizer, Supplier<Policy> policy) {
        this.authorizer = authorizer;
        this.policy = policy;
    }

    /**
     * Returns the object to write in {@code namespace} (null for a cluster-scoped kind), or throws 403 naming the
     * first permission its writer does not hold.
     */
    public ObjectNode check(ResourceType type, String namespace, ObjectNode object) {
        UserInfo user = RequestUser.current().orElse(null);
        if (user == null || user.inGroup(UserInfo.MASTERS)) {
            return object;
        }
        String name = object.path("metadata").path("name").asText("");
        if (type == ResourceTypes.ROLE || type == ResourceTypes.CLUSTER_ROLE) {
            if (!may(user, "escalate", type.plural(), namespace, name)) {
                List<PolicyRule> rules = type == ResourceTypes.ROLE ? Json.convert(object, Role.class).rules()
                        : Json.convert(object, ClusterRole.class).rules();
                requireHeld(user, type, name, rules, namespace);
            }
        } else if (type == ResourceTypes.ROLE_BINDING || type == ResourceTypes.CLUSTER_ROLE_BINDING) {
            RoleRef ref = type == ResourceTypes.ROLE_BINDING ? Json.convert(object, RoleBinding.class).roleRef()
                    : Json.convert(object, ClusterRoleBinding.class).roleRef();
            String rolePlural = ref != null && Role.KIND.equals(ref.kind()) ? "roles" : "clusterroles";
            if (ref != null && !may(user, "bind", rolePlural, namespace, ref.name())) {
                requireHeld(user, type, name, policy.get().rulesOf(ref, namespace), namespace);
            }
        }
        return object;
    }

    private boolean may(UserInfo user, String verb, String plural, String namespace, String name) {
        return authorizer.authorize(user, RequestAttributes.resource(verb, RBAC_GROUP, plural, null, namespace, name))
                .allowed();
    }

    private void requireHeld(UserInfo user, ResourceType type, String name, List<PolicyRule> rules, String namespace) {
        for (PolicyRule rule : rules) {
            for (RequestAttributes wanted : attributes(rule, namespace)) {
                if (!authorizer.authorize(user, wanted).allowed()) {
                    throw new ApiException.Forbidden(type, name, "user \"" + user.name() + "\" (groups=" + user.groups()
                            + ") is attempting to grant RBAC permissions not currently held: " + describe(wanted));
                }
            }
        }
    }

    /** Every single permission a rule grants, as a request would ask for it in the role's scope. */
    private static List<RequestAttributes> attributes(PolicyRule rule, String namespace) {
        List<RequestAttributes> wanted = new ArrayList<>();
        for (String verb : rule.verbs()) {
            for (String url : rule.nonResourceURLs()) {
                wanted.add(RequestAttributes.nonResource(verb, url));
            }
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    int slash = resource.indexOf('/');
                    String plural = slash < 0 ? resource : resource.substring(0, slash);
                    String subresource = slash < 0 ? null : resource.substring(slash + 1);
                    if (rule.resourceNames().isEmpty()) {
                        wanted.add(RequestAttributes.resource(verb, group, plural, subresource, namespace, null));
                    }
                    for (String objectName : rule.resourceNames()) {
                        wanted.add(RequestAttributes.resource(verb, group, plural, subresource, namespace, objectName));
                    }
                }
            }
        }
        return wanted;
    }

    private static String describe(RequestAttributes wanted) {
        if (!wanted.resourceRequest()) {
            return "{NonResourceURLs:[\"" + wanted.path() + "\"], Verbs:[\"" + wanted.verb() + "\"]}";
        }
        String resource = wanted.subresource() == null ? wanted.resource() : wanted.resource() + "/" + wanted.subresource();
        return "{APIGroups:[\"" + wanted.apiGroup() + "\"], Resources:[\"" + resource + "\"]"
                + (wanted.name() == null ? "" : ", ResourceNames:[\"" + wanted.name() + "\"]")
                + ", Verbs:[\"" + wanted.verb() + "\"]}";
    }
}
