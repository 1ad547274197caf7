package dev.orc.api.model;

import java.util.List;

/**
 * One rule of an RBAC role: the verbs allowed on the resources (with subresources as {@code pods/log}) of the API
 * groups, optionally only the named objects; or, in a ClusterRole, on non-resource URLs ({@code /healthz},
 * {@code /metrics*}). {@code *} matches anything in each list.
 */
public record PolicyRule(@OmitEmpty List<String> apiGroups, @OmitEmpty List<String> resources,
                         @OmitEmpty List<String> resourceNames, @OmitEmpty List<String> nonResourceURLs,
                         List<String> verbs) {
    public PolicyRule {
        apiGroups = Immutable.list(apiGroups);
        resources = Immutable.list(resources);
        resourceNames = Immutable.list(resourceNames);
        nonResourceURLs = Immutable.list(nonResourceURLs);
        verbs = Immutable.list(verbs);
    }

    public static PolicyRule resources(List<String> apiGroups, List<String> resources, List<String> verbs) {
        return new PolicyRule(apiGroups, resources, List.of(), List.of(), verbs);
    }

    public static PolicyRule urls(List<String> nonResourceURLs, List<String> verbs) {
        return new PolicyRule(List.of(), List.of(), List.of(), nonResourceURLs, verbs);
    }
}
