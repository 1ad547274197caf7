package dev.orc.reconciler.gitops;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.Optional;

/**
 * A GitSource without a service account: it writes with the server's client, but only namespaced objects of its own
 * namespace. Anything else is refused, worded as kube-apiserver words a 403.
 */
record NamespaceScope(String source, String namespace, ClusterOps cluster) implements SourceAccess {
    @Override
    public Optional<String> refusal(String verb, ManagedRef ref) {
        Optional<ResourceType> type = ResourceTypes.byApiVersionAndKind(ref.apiVersion(), ref.kind());
        if (type.isEmpty() || type.get().namespaced() && ref.namespace().equals(namespace)) {
            return Optional.empty();
        }
        return Optional.of(type.get().plural() + " \"" + ref.name() + "\" is forbidden: GitSource \"" + source
                + "\" has no spec.serviceAccountName, so it may " + verb + " only namespaced objects in its own namespace \""
                + namespace + "\"" + (type.get().namespaced() ? ", not in \"" + ref.namespace() + "\"" : ""));
    }
}
