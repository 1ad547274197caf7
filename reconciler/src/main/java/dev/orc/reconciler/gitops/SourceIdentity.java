package dev.orc.reconciler.gitops;

import java.util.List;

/** The user a GitSource applies as: a service account of its namespace, with the groups Kubernetes gives one. */
public record SourceIdentity(String user, List<String> groups) {
    public SourceIdentity {
        groups = List.copyOf(groups);
    }

    /** {@code system:serviceaccount:NS:NAME} in {@code system:serviceaccounts}, {@code system:serviceaccounts:NS} and {@code system:authenticated}. */
    public static SourceIdentity serviceAccount(String namespace, String name) {
        return new SourceIdentity("system:serviceaccount:" + namespace + ":" + name,
                List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"));
    }
}
