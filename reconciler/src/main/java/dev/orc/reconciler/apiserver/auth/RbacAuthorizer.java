package dev.orc.reconciler.apiserver.auth;

import dev.orc.api.model.ClusterRoleBinding;
import dev.orc.api.model.PolicyRule;
import dev.orc.api.model.RoleBinding;
import dev.orc.api.model.Subject;

import java.util.List;
import java.util.function.Supplier;

/**
 * Kubernetes' RBAC authorizer: a request is allowed when a ClusterRoleBinding, or a RoleBinding in the request's
 * namespace, grants one of the user's identities a rule that covers it; members of {@code system:masters} are
 * allowed everything. There are no deny rules: what no rule allows is refused.
 */
public final class RbacAuthorizer implements Authorizer {
    private static final String ALL = "*";
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private final Supplier<Policy> policy;

    public RbacAuthorizer(Supplier<Policy> policy) {
        this.policy = policy;
    }

    /** Whether the request is allowed, and by which binding or why not. */
    @Override
    public Decision authorize(UserInfo user, RequestAttributes request) {
        if (user.inGroup(UserInfo.MASTERS)) {
            return Decision.allow("member of " + UserInfo.MASTERS);
        }
        Policy current = policy.get();
        for (ClusterRoleBinding binding : current.clusterRoleBindings()) {
            if (boundTo(binding.subjects(), user) && anyAllows(current.rulesOf(binding.roleRef(), null), request)) {
                return Decision.allow("ClusterRoleBinding \"" + binding.name() + "\"");
            }
        }
        if (request.resourceRequest() && request.namespace() != null) {
            for (RoleBinding binding : current.roleBindingsIn(request.namespace())) {
                if (boundTo(binding.subjects(), user)
                        && anyAllows(current.rulesOf(binding.roleRef(), request.namespace()), request)) {
                    return Decision.allow("RoleBinding \"" + request.namespace() + "/" + binding.name() + "\"");
                }
            }
        }
        return Decision.deny(Refusal.of(user, request));
    }

    private static boolean boundTo(List<Subject> subjects, UserInfo user) {
        for (Subject subject : subjects) {
            boolean match = switch (subject.kind()) {
                case Subject.USER -> subject.name().equals(user.name());
                case Subject.GROUP -> user.inGroup(subject.name());
                case Subject.SERVICE_ACCOUNT -> user.name().equals(SERVICE_ACCOUNT_PREFIX + subject.namespace() + ":"
                        + subject.name());
                default -> false;
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyAllows(List<PolicyRule> rules, RequestAttributes request) {
        return rules.stream().anyMatch(rule -> allows(rule, request));
    }

    static boolean allows(PolicyRule rule, RequestAttributes request) {
        if (!covers(rule.verbs(), request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return rule.nonResourceURLs().stream().anyMatch(url -> url.equals(ALL) || url.equals(request.path())
                    || url.endsWith("*") && request.path().startsWith(url.substring(0, url.length() - 1)));
        }
        String resource = request.subresource() == null ? request.resource()
                : request.resource() + "/" + request.subresource();
        boolean resourceCovered = rule.resources().stream().anyMatch(r -> r.equals(ALL) || r.equals(resource)
                || request.subresource() != null && r.equals("*/" + request.subresource()));
        return covers(rule.apiGroups(), request.apiGroup()) && resourceCovered
                && (rule.resourceNames().isEmpty() || request.name() != null && rule.resourceNames().contains(request.name()));
    }

    private static boolean covers(List<String> allowed, String value) {
        return allowed.contains(ALL) || allowed.contains(value);
    }

    /** An authorization outcome: allowed or not, with the binding that allowed it or the refusal. */
    public record Decision(boolean allowed, String reason) {
        public static Decision allow(String by) {
            return new Decision(true, "allowed by " + by);
        }

        public static Decision deny(String refusal) {
            return new Decision(false, refusal);
        }
    }
}
