package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The discovery documents Kubernetes clients read before anything else: APIVersions at {@code /api},
 * APIGroupList at {@code /apis}, an APIGroup per group and an APIResourceList per group/version, plus
 * {@code /version} and the empty OpenAPI v2 document ({@link OpenApiV3} serves the schemas).
 */
final class Discovery {
    static final String KUBERNETES_VERSION = "v1.31.0";
    private static final String METRICS_GROUP = "metrics.k8s.io";
    private static final String METRICS_VERSION = "v1beta1";
    private static final List<String> OBJECT_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private Discovery() {
    }

    static Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        ResourceTypes.all().stream().filter(t -> !t.group().isEmpty()).forEach(t -> groups.add(t.group()));
        return groups;
    }

    static ObjectNode apiVersions() {
        ObjectNode doc = Json.object().put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        doc.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "");
        return doc;
    }

    static ObjectNode groupList() {
        ObjectNode doc = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        for (String group : groups()) {
            groups.add(group(group));
        }
        groups.add(group(METRICS_GROUP, METRICS_VERSION));
        return doc;
    }

    static ObjectNode group(String group) {
        return group(group, "v1");
    }

    /** The resource metrics API, {@code metrics.k8s.io/v1beta1}, which {@code kubectl top} looks for. */
    static ObjectNode metricsGroup() {
        return group(METRICS_GROUP, METRICS_VERSION);
    }

    static ObjectNode metricsResourceList() {
        ObjectNode doc = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", METRICS_GROUP + "/" + METRICS_VERSION);
        ArrayNode resources = doc.putArray("resources");
        strings(resources.addObject().put("name", "nodes").put("singularName", "").put("namespaced", false)
                .put("kind", "NodeMetrics").putArray("verbs"), List.of("get", "list"));
        strings(resources.addObject().put("name", "pods").put("singularName", "").put("namespaced", true)
                .put("kind", "PodMetrics").putArray("verbs"), List.of("get", "list"));
        return doc;
    }

    private static ObjectNode group(String group, String versionName) {
        ObjectNode doc = Json.object().put("kind", "APIGroup").put("apiVersion", "v1").put("name", group);
        ObjectNode version = Json.object().put("groupVersion", group + "/" + versionName).put("version", versionName);
        doc.putArray("versions").add(version);
        doc.set("preferredVersion", version.deepCopy());
        return doc;
    }

    static ObjectNode resourceList(String group, String version) {
        ObjectNode doc = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceType type : ResourceTypes.all()) {
            if (!type.group().equals(group) || !type.version().equals(version)) {
                continue;
            }
            ObjectNode resource = resources.addObject().put("name", type.plural()).put("singularName", type.singular())
                    .put("namespaced", type.namespaced()).put("kind", type.kind());
            strings(resource.putArray("verbs"), OBJECT_VERBS);
            if (!type.shortNames().isEmpty()) {
                strings(resource.putArray("shortNames"), type.shortNames());
            }
            if (!type.categories().isEmpty()) {
                strings(resource.putArray("categories"), type.categories());
            }
            for (String sub : type.subresources()) {
                subresource(type, sub, resources);
            }
        }
        if (group.isEmpty()) {
            ObjectNode bindings = resources.addObject().put("name", "bindings").put("singularName", "binding")
                    .put("namespaced", true).put("kind", "Binding");
            strings(bindings.putArray("verbs"), List.of("create"));
        }
        return doc;
    }

    /** The subresources orc serves; others a type may declare are left out of discovery. */
    private static void subresource(ResourceType type, String sub, ArrayNode resources) {
        ObjectNode entry = Json.object().put("name", type.plural() + "/" + sub).put("singularName", "")
                .put("namespaced", type.namespaced());
        switch (sub) {
            case "status" -> strings(entry.put("kind", type.kind()).putArray("verbs"), SUBRESOURCE_VERBS);
            case "scale" -> strings(entry.put("group", "autoscaling").put("version", "v1").put("kind", "Scale")
                    .putArray("verbs"), SUBRESOURCE_VERBS);
            case "binding" -> strings(entry.put("kind", "Binding").putArray("verbs"), List.of("create"));
            case "eviction" -> strings(entry.put("group", "policy").put("version", "v1").put("kind", "Eviction")
                    .putArray("verbs"), List.of("create"));
            case "token" -> strings(entry.put("group", "authentication.k8s.io").put("version", "v1")
                    .put("kind", "TokenRequest").putArray("verbs"), List.of("create"));
            default -> {
                return;
            }
        }
        resources.add(entry);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static ObjectNode version() {
        return Json.object().put("major", "1").put("minor", "31").put("gitVersion", KUBERNETES_VERSION + "+orc")
                .put("gitCommit", "").put("gitTreeState", "clean").put("buildDate", "1970-01-01T00:00:00Z")
                .put("goVersion", "java" + Runtime.version().feature()).put("compiler", "javac")
                .put("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"))
                .put("orcVersion", orcVersion());
    }

    /** The version of the jar the server runs from ({@code dev} when run from classes). */
    private static String orcVersion() {
        String version = Discovery.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
