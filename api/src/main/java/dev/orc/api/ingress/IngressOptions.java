package dev.orc.api.ingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the ingress-nginx annotations real manifests use most ask of orc's ingress: {@code ssl-redirect} (default:
 * redirect plain HTTP to HTTPS when the host has TLS), {@code rewrite-target} (the matched path prefix replaced by it;
 * with regex paths the whole path replaced by it, {@code $1}..{@code $9} the path's groups, as nginx's rewrite),
 * {@code use-regex} (paths are regular expressions; a rewrite target with captures implies it, as in ingress-nginx),
 * {@code proxy-body-size} (nginx sizes: 8m, 512k, 0 for no limit), {@code proxy-read-timeout} (seconds) and
 * {@code backend-protocol} (HTTP or HTTPS). {@code bodyLimit} is -1 and {@code readTimeout} null when the node's
 * defaults apply. Other ingress-nginx annotations are reported, not applied.
 */
public record IngressOptions(Boolean sslRedirect, String rewriteTarget, long bodyLimit, Duration readTimeout,
                             boolean httpsBackend, boolean regexPaths) {
    public static final String PREFIX = "nginx.ingress.kubernetes.io/";
    public static final String SSL_REDIRECT = PREFIX + "ssl-redirect";
    public static final String REWRITE_TARGET = PREFIX + "rewrite-target";
    public static final String PROXY_BODY_SIZE = PREFIX + "proxy-body-size";
    public static final String PROXY_READ_TIMEOUT = PREFIX + "proxy-read-timeout";
    public static final String BACKEND_PROTOCOL = PREFIX + "backend-protocol";
    public static final String USE_REGEX = PREFIX + "use-regex";
    private static final Set<String> SUPPORTED = Set.of(SSL_REDIRECT, REWRITE_TARGET, PROXY_BODY_SIZE,
            PROXY_READ_TIMEOUT, BACKEND_PROTOCOL, USE_REGEX);
    private static final Pattern CAPTURE = Pattern.compile("\\$[0-9]");
    public static final IngressOptions DEFAULTS = new IngressOptions(null, null, -1, null, false, false);

    /** The options of an Ingress's annotations; what cannot be applied lands in {@code problems} as a message. */
    public static IngressOptions of(Map<String, String> annotations, List<String> problems) {
        Boolean redirect = null;
        String value = annotations.get(SSL_REDIRECT);
        if (value != null) {
            redirect = Boolean.parseBoolean(value.trim());
        }
        String rewrite = annotations.get(REWRITE_TARGET);
        if (rewrite != null && !rewrite.startsWith("/")) {
            problems.add(REWRITE_TARGET + ": \"" + rewrite + "\" is not applied: orc rewrites to an absolute path");
            rewrite = null;
        }
        boolean regex = Boolean.parseBoolean(annotations.getOrDefault(USE_REGEX, "false").trim())
                || rewrite != null && CAPTURE.matcher(rewrite).find();
        long bodyLimit = -1;
        if (annotations.containsKey(PROXY_BODY_SIZE)) {
            try {
                bodyLimit = size(annotations.get(PROXY_BODY_SIZE));
            } catch (IllegalArgumentException e) {
                problems.add(PROXY_BODY_SIZE + ": " + e.getMessage());
            }
        }
        Duration readTimeout = null;
        if (annotations.containsKey(PROXY_READ_TIMEOUT)) {
            try {
                readTimeout = Duration.ofSeconds(Long.parseLong(annotations.get(PROXY_READ_TIMEOUT).trim()));
            } catch (NumberFormatException e) {
                problems.add(PROXY_READ_TIMEOUT + ": invalid value \"" + annotations.get(PROXY_READ_TIMEOUT)
                        + "\": expected seconds");
            }
        }
        String protocol = annotations.getOrDefault(BACKEND_PROTOCOL, "HTTP").trim().toUpperCase(Locale.ROOT);
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
            problems.add(BACKEND_PROTOCOL + ": \"" + protocol + "\" is not supported by orc (HTTP or HTTPS)");
        }
        for (String key : annotations.keySet()) {
            if (key.startsWith(PREFIX) && !SUPPORTED.contains(key)) {
                problems.add(key + " is not supported by orc's ingress and is ignored");
            }
        }
        return new IngressOptions(redirect, rewrite, bodyLimit, readTimeout, protocol.equals("HTTPS"), regex);
    }

    /** An nginx size: bytes, or with k, m or g (either case); 0 means no limit at all. */
    static long size(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (value.endsWith("k") || value.endsWith("m") || value.endsWith("g")) {
            unit = switch (value.charAt(value.length() - 1)) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            value = value.substring(0, value.length() - 1);
        }
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number == 0 ? Long.MAX_VALUE : number * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value \"" + text + "\": expected a size such as 8m, 512k or 0");
        }
    }

    /** The messages of {@link #of} without the options, for code that only reports. */
    public static List<String> problems(Map<String, String> annotations) {
        List<String> problems = new ArrayList<>();
        of(annotations, problems);
        return problems;
    }
}
