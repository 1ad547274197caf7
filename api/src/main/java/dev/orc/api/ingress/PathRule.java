package dev.orc.api.ingress;

import dev.orc.api.model.IngressSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path of an Ingress rule as Kubernetes matches it. {@code Exact} matches the request path as it is, case
 * sensitively; {@code Prefix} (and, in orc, {@code ImplementationSpecific}) matches by elements split on '/': the
 * rule's elements must begin the request's, a trailing '/' of either ignored, so {@code /foo} matches {@code /foo},
 * {@code /foo/} and {@code /foo/bar} but not {@code /foobar}. A regex path (ingress-nginx's {@code use-regex}, whatever
 * the path type) matches the start of the request path case-insensitively, as nginx's {@code location ~* "^path"},
 * and its groups are the captures of {@code rewrite-target}; {@code regex} is null for the other paths.
 */
public record PathRule(String path, boolean exact, Pattern regex) {

    public static PathRule of(String path, String pathType) {
        String value = path == null || path.isEmpty() ? "/" : path;
        return new PathRule(value, IngressSpec.PATH_EXACT.equals(pathType), null);
    }

    /** A regex path; an invalid expression fails with a message that quotes it. */
    public static PathRule regex(String path) {
        String value = path == null || path.isEmpty() ? "/" : path;
        try {
            return new PathRule(value, false, Pattern.compile(value, Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("path \"" + value + "\" is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    public boolean matches(String requestPath) {
        String request = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        if (regex != null) {
            return regex.matcher(request).lookingAt();
        }
        if (exact) {
            return request.equals(path);
        }
        return beginsWithElements(request, path);
    }

    /**
     * Whether the non-empty '/'-separated elements of {@code request} begin with those of {@code rule}, compared in
     * place: this runs for every request the ingress routes, so it splits nothing.
     */
    private static boolean beginsWithElements(String request, String rule) {
        int inRule = 0;
        int inRequest = 0;
        while (true) {
            inRule = elementStart(rule, inRule);
            if (inRule == rule.length()) {
                return true;
            }
            inRequest = elementStart(request, inRequest);
            if (inRequest == request.length()) {
                return false;
            }
            int ruleEnd = elementEnd(rule, inRule);
            int requestEnd = elementEnd(request, inRequest);
            if (ruleEnd - inRule != requestEnd - inRequest
                    || !rule.regionMatches(inRule, request, inRequest, ruleEnd - inRule)) {
                return false;
            }
            inRule = ruleEnd;
            inRequest = requestEnd;
        }
    }

    private static int elementCount(String path) {
        int count = 0;
        for (int at = elementStart(path, 0); at < path.length(); at = elementStart(path, elementEnd(path, at))) {
            count++;
        }
        return count;
    }

    private static int elementStart(String path, int from) {
        int at = from;
        while (at < path.length() && path.charAt(at) == '/') {
            at++;
        }
        return at;
    }

    private static int elementEnd(String path, int from) {
        int slash = path.indexOf('/', from);
        return slash < 0 ? path.length() : slash;
    }

    /** The part of {@code requestPath} this rule matched, for a rewrite of that prefix. */
    public String matchedPrefix(String requestPath) {
        if (regex != null) {
            return captures(requestPath).getFirst();
        }
        if (exact) {
            return requestPath;
        }
        int elements = elementCount(path);
        int at = 0;
        for (int i = 0; i < elements; i++) {
            at = requestPath.indexOf('/', at) + 1;
            int next = requestPath.indexOf('/', at);
            at = next < 0 ? requestPath.length() : next;
        }
        return requestPath.substring(0, at);
    }

    /** For a regex path that matches {@code requestPath}: the whole match, then each group ("" when it took no part). */
    public List<String> captures(String requestPath) {
        if (regex == null) {
            return List.of();
        }
        Matcher matcher = regex.matcher(requestPath);
        if (!matcher.lookingAt()) {
            return List.of();
        }
        List<String> captures = new ArrayList<>();
        for (int group = 0; group <= matcher.groupCount(); group++) {
            captures.add(matcher.group(group) == null ? "" : matcher.group(group));
        }
        return captures;
    }

    /** The length that ranks matches: longer paths are more specific (regex paths by their text, as ingress-nginx). */
    int length() {
        return exact || regex != null ? path.length() : String.join("/", elements(path)).length() + 1;
    }

    private static List<String> elements(String path) {
        return Arrays.stream(path.split("/")).filter(e -> !e.isEmpty()).toList();
    }
}
