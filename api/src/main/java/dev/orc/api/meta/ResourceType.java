package dev.orc.api.meta;

import java.util.List;

/**
 * One kind the API serves: its group/version, its REST name and how clients may abbreviate it.
 * The group is empty for the core ("v1") kinds.
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        List<String> subresources) {

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        subresources = List.copyOf(subresources);
    }

    /** {@code v1} for the core group, otherwise {@code group/version}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The kubectl-style name, {@code deployment.apps} or {@code pod}. */
    public String qualifiedName() {
        return group.isEmpty() ? singular : singular + "." + group;
    }

    /** {@code /api/v1} or {@code /apis/apps/v1}. */
    public String basePath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** The REST path of a collection ({@code name == null}) or of one object. */
    public String path(String namespace, String name) {
        StringBuilder path = new StringBuilder(basePath());
        if (namespaced && namespace != null) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(plural);
        if (name != null) {
            path.append('/').append(name);
        }
        return path.toString();
    }

    /** The store key prefix, {@code /registry/pods/} — objects live at {@code prefix + ns + "/" + name}. */
    public String storePrefix() {
        return "/registry/" + (group.isEmpty() ? "" : group + "/") + plural + "/";
    }

    public String storeKey(String namespace, String name) {
        return namespaced ? storePrefix() + namespace + "/" + name : storePrefix() + name;
    }
}
