package dev.orc.reconciler.apiserver.audit;

import dev.orc.reconciler.apiserver.auth.RequestAttributes;
import dev.orc.reconciler.apiserver.auth.UserInfo;

import java.util.List;

/**
 * One rule of an audit policy, as audit.k8s.io/v1 writes it: the level for requests that match every list given
 * (an empty list matches everything). Resource rules never match non-resource requests, and
 * {@code nonResourceURLs} (exact, or a prefix ending in {@code *}) never match resource requests.
 */
public record AuditRule(AuditLevel level, List<String> users, List<String> userGroups, List<String> verbs,
                        List<GroupResources> resources, List<String> namespaces, List<String> nonResourceUrls) {

    /**
     * The resources of one API group ({@code ""} is the core group), matched as kube-apiserver's policy checker
     * matches them: {@code *}, {@code pods/log}, {@code *}{@code /scale}, and {@code pods/*}, which covers pods and
     * each of their subresources.
     */
    public record GroupResources(String group, List<String> resources, List<String> resourceNames) {
        public GroupResources {
            resources = List.copyOf(resources);
            resourceNames = List.copyOf(resourceNames);
        }

        boolean matches(RequestAttributes request) {
            if (!group.equals("*") && !group.equals(request.apiGroup())) {
                return false;
            }
            String full = request.subresource() == null ? request.resource()
                    : request.resource() + "/" + request.subresource();
            boolean resourceMatches = resources.isEmpty() || resources.stream().anyMatch(wanted -> wanted.equals("*")
                    || wanted.equals(full) || wanted.equals(request.resource() + "/*")
                    || (request.subresource() != null && wanted.equals("*/" + request.subresource())));
            return resourceMatches && (resourceNames.isEmpty() || resourceNames.contains(request.name()));
        }
    }

    public AuditRule {
        users = List.copyOf(users);
        userGroups = List.copyOf(userGroups);
        verbs = List.copyOf(verbs);
        resources = List.copyOf(resources);
        namespaces = List.copyOf(namespaces);
        nonResourceUrls = List.copyOf(nonResourceUrls);
    }

    /** A rule for everything at {@code level}. */
    public static AuditRule everything(AuditLevel level) {
        return new AuditRule(level, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    boolean matches(UserInfo user, RequestAttributes request) {
        if (!users.isEmpty() && !users.contains(user.name())) {
            return false;
        }
        if (!userGroups.isEmpty() && userGroups.stream().noneMatch(user::inGroup)) {
            return false;
        }
        if (!verbs.isEmpty() && !verbs.contains(request.verb())) {
            return false;
        }
        if (request.resourceRequest()) {
            if (!nonResourceUrls.isEmpty()) {
                return false;
            }
            if (!namespaces.isEmpty() && !namespaces.contains(request.namespace() == null ? "" : request.namespace())) {
                return false;
            }
            return resources.isEmpty() || resources.stream().anyMatch(wanted -> wanted.matches(request));
        }
        if (!resources.isEmpty() || !namespaces.isEmpty()) {
            return false;
        }
        return nonResourceUrls.isEmpty() || nonResourceUrls.stream().anyMatch(url -> url.endsWith("*")
                ? request.path().startsWith(url.substring(0, url.length() - 1)) : url.equals(request.path()));
    }
}
