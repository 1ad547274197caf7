package dev.orc.node.ingress;

import dev.orc.api.ingress.IngressRouter;

import java.util.List;

/** ingress-nginx's {@code rewrite-target}: the path a backend gets for a request an Ingress rule matched. */
final class PathRewrite {
    private PathRewrite() {
    }

    /**
     * The path as the backend gets it when the Ingress asks for a rewrite: for a regex path the whole path becomes
     * {@code target}, its {@code $n} replaced by the path's groups (nginx's rewrite); else the part the rule matched
     * is replaced by {@code target}.
     */
    static String rewritten(String path, IngressRouter.Match<?> match, String target) {
        if (target == null) {
            return path;
        }
        if (!match.captures().isEmpty()) {
            return substituted(target, match.captures());
        }
        String matchedPrefix = match.matchedPrefix();
        String rest = path.substring(Math.min(matchedPrefix.length(), path.length()));
        if (target.endsWith("/") && rest.startsWith("/")) {
            rest = rest.substring(1);
        } else if (!target.endsWith("/") && !rest.isEmpty() && !rest.startsWith("/")) {
            rest = "/" + rest;
        }
        return target + rest;
    }

    private static String substituted(String target, List<String> captures) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '$' && i + 1 < target.length() && Character.isDigit(target.charAt(i + 1))) {
                int group = target.charAt(++i) - '0';
                result.append(group < captures.size() ? captures.get(group) : "");
            } else {
                result.append(c);
            }
        }
        return result.isEmpty() ? "/" : result.toString();
    }
}
