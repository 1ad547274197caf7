package dev.orc.api.ingress;

import dev.orc.api.model.IngressSpec;

import java.util.Arrays;
import java.util.List;

/**
 * A path of an Ingress rule as Kubernetes matches it. {@code Exact} matches the request path as it is, case
 * sensitively; {@code Prefix} (and, in orc, {@code ImplementationSpecific}) matches by elements split on '/': the
 * rule's elements must begin the request's, a trailing '/' of either ignored, so {@code /foo} matches {@code /foo},
 * {@code /foo/} and {@code /foo/bar} but not {@code /foobar}.
 */
public record PathRule(String path, boolean exact) {

    public static PathRule of(String path, String pathType) {
        String value = path == null || path.isEmpty() ? "/" : path;
        return new PathRule(value, IngressSpec.PATH_EXACT.equals(pathType));
    }

    public boolean matches(String requestPath) {
        String request = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        if (exact) {
            return request.equals(path);
        }
        List<String> rule = elements(path);
        List<String> asked = elements(request);
        return asked.size() >= rule.size() && asked.subList(0, rule.size()).equals(rule);
    }

    /** The part of {@code requestPath} this rule matched, for a rewrite of that prefix. */
    public String matchedPrefix(String requestPath) {
        if (exact) {
            return requestPath;
        }
        int elements = elements(path).size();
        int at = 0;
        for (int i = 0; i < elements; i++) {
            at = requestPath.indexOf('/', at) + 1;
            int next = requestPath.indexOf('/', at);
            at = next < 0 ? requestPath.length() : next;
        }
        return requestPath.substring(0, at);
    }

    /** The length that ranks matches: longer paths are more specific. */
    int length() {
        return exact ? path.length() : String.join("/", elements(path)).length() + 1;
    }

    private static List<String> elements(String path) {
        return Arrays.stream(path.split("/")).filter(e -> !e.isEmpty()).toList();
    }
}
