package dev.orc.api.cache;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A way to look objects up in an informer other than by key, as client-go's indexers: {@code values} gives the
 * values an object is filed under (none, one or several). Every informer keeps the indexes of {@link #ALL}.
 */
public record Index(String name, Function<Cached<?>, List<String>> values) {
    /** By namespace ({@code ""} for cluster-scoped objects). */
    public static final Index NAMESPACE = new Index("namespace", cached -> List.of(cached.namespace()));
    /** By the uid of the object's controller (its owner reference marked {@code controller: true}). */
    public static final Index CONTROLLER = new Index("controller", cached -> ownerUids(cached, true));
    /** By the uid of each of the object's owners. */
    public static final Index OWNER = new Index("owner", cached -> ownerUids(cached, false));
    /** By {@code spec.nodeName}: the pods bound to a node. */
    public static final Index NODE = new Index("node", cached -> {
        String node = cached.text("/spec/nodeName");
        return node.isEmpty() ? List.of() : List.of(node);
    });
    public static final List<Index> ALL = List.of(NAMESPACE, CONTROLLER, OWNER, NODE);

    private static List<String> ownerUids(Cached<?> cached, boolean controllerOnly) {
        List<String> uids = new ArrayList<>();
        for (JsonNode ref : cached.at("/metadata/ownerReferences")) {
            if (!controllerOnly || ref.path("controller").asBoolean(false)) {
                uids.add(ref.path("uid").asText(""));
                if (controllerOnly) {
                    break;
                }
            }
        }
        return uids;
    }
}
