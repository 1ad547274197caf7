package dev.orc.reconciler.apiserver.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * What a request asks to do, as RBAC judges it: a verb on a resource (with its API group, subresource, namespace
 * and object name) or on a non-resource path ({@code /healthz}, {@code /version}); a list or watch also carries its
 * field selector, which the node authorizer judges (a node lists only the pods bound to it).
 */
public record RequestAttributes(boolean resourceRequest, String verb, String apiGroup, String resource,
                                String subresource, String namespace, String name, String path, String fieldSelector) {

    public static RequestAttributes resource(String verb, String apiGroup, String resource, String subresource,
                                             String namespace, String name) {
        return new RequestAttributes(true, verb, apiGroup, resource, blankToNull(subresource), blankToNull(namespace),
                blankToNull(name), null, null);
    }

    public static RequestAttributes nonResource(String verb, String path) {
        return new RequestAttributes(false, verb, null, null, null, null, null, path, null);
    }

    /**
     * The streaming subresources of a pod: opened with a GET (a WebSocket handshake) and judged, as Kubernetes does
     * since 1.31, as {@code create}: running a command in a pod is a write.
     */
    private static final java.util.Set<String> STREAMS = java.util.Set.of("exec", "attach", "portforward");

    /**
     * The attributes of an HTTP request: {@code /api/v1/...} and {@code /apis/GROUP/VERSION/...} paths are resource
     * requests (with the legacy {@code /watch/} prefix), everything else a non-resource one.
     */
    public static RequestAttributes of(String method, String path, boolean watchParameter) {
        List<String> parts = new ArrayList<>(List.of(path.replaceAll("^/+|/+$", "").split("/")));
        String group;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            parts = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        } else {
            return nonResource(method.equals("GET") || method.equals("HEAD") ? "get" : method.toLowerCase(), path);
        }
        boolean legacyWatch = !parts.isEmpty() && parts.get(0).equals("watch");
        if (legacyWatch) {
            parts = parts.subList(1, parts.size());
        }
        String namespace = null;
        if (parts.size() >= 2 && parts.get(0).equals("namespaces") && parts.size() > 2) {
            namespace = parts.get(1);
            parts = parts.subList(2, parts.size());
        }
        String resource = parts.isEmpty() ? null : parts.get(0);
        String name = parts.size() > 1 ? parts.get(1) : null;
        String subresource = parts.size() > 2 ? parts.get(2) : null;
        if ("namespaces".equals(resource) && name != null) {
            namespace = name;
        }
        String verb = group.isEmpty() && "pods".equals(resource) && subresource != null && STREAMS.contains(subresource)
                ? "create" : verb(method, name != null, legacyWatch || watchParameter);
        return resource(verb, group, resource, subresource, namespace, name);
    }

    public RequestAttributes withFieldSelector(String selector) {
        return new RequestAttributes(resourceRequest, verb, apiGroup, resource, subresource, namespace, name, path,
                blankToNull(selector));
    }

    private static String verb(String method, boolean named, boolean watch) {
        return switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
