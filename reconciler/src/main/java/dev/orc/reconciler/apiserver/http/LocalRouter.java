package dev.orc.reconciler.apiserver.http;

import dev.orc.api.meta.ResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's routes for requests made inside the server's process, matched as Javalin matches them: path segments
 * literally or, for {@code {param}} segments, any value, literal segments first.
 */
public final class LocalRouter {

    /** Where a watch on a route goes: its kind, and whether it spans namespaces or names one object. */
    record WatchTarget(ResourceType type, boolean allNamespaces, boolean named) {
    }

    /**
     * One route: a handler answering plain requests (null for the watch-only paths) and where a watch goes (null for
     * routes that do not watch).
     */
    record Route(String verb, String resource, ApiHandler handler, WatchTarget watch) {
    }

    /** A matched route with the values of its path parameters. */
    record Match(Route route, Map<String, String> pathParams) {
    }

    private record Bound(Route route, List<String> paramNames) {
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node param;
        final Map<String, Bound> byMethod = new HashMap<>();
    }

    private final Node root = new Node();

    void add(String method, String pattern, Route route) {
        Node node = root;
        List<String> names = new ArrayList<>();
        for (String segment : segments(pattern)) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                names.add(segment.substring(1, segment.length() - 1));
                node = node.param == null ? (node.param = new Node()) : node.param;
            } else {
                node = node.literals.computeIfAbsent(segment, s -> new Node());
            }
        }
        if (node.byMethod.putIfAbsent(method, new Bound(route, List.copyOf(names))) != null) {
            throw new IllegalStateException("two routes for " + method + " " + pattern);
        }
    }

    Optional<Match> find(String method, String path) {
        String[] segments = segments(path);
        List<String> values = new ArrayList<>();
        Bound bound = find(root, segments, 0, method, values);
        if (bound == null) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < bound.paramNames().size(); i++) {
            params.put(bound.paramNames().get(i), values.get(i));
        }
        return Optional.of(new Match(bound.route(), params));
    }

    private static Bound find(Node node, String[] segments, int index, String method, List<String> values) {
        if (index == segments.length) {
            return node.byMethod.get(method);
        }
        Node literal = node.literals.get(segments[index]);
        if (literal != null) {
            Bound found = find(literal, segments, index + 1, method, values);
            if (found != null) {
                return found;
            }
        }
        if (node.param != null && !segments[index].isEmpty()) {
            values.add(segments[index]);
            Bound found = find(node.param, segments, index + 1, method, values);
            if (found != null) {
                return found;
            }
            values.removeLast();
        }
        return null;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
