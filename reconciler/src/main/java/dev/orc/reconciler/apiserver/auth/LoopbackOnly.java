package dev.orc.reconciler.apiserver.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What keeps web pages away from a server without authentication ({@code --insecure-localhost}): a browser
 * visiting another site sends that site's {@code Origin}, and a page reached through DNS rebinding sends a
 * {@code Host} that is not loopback. Only loopback hosts, and origins of this very host, get in; command-line
 * clients send no {@code Origin}.
 */
final class LoopbackOnly {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}$");

    private LoopbackOnly() {
    }

    /** Why a request with these headers is refused, if it is; either may be null (absent). */
    static Optional<String> refusal(String host, String origin) {
        if (host != null && !isLoopback(host)) {
            return Optional.of("a server without authentication (--insecure-localhost) answers only requests for a"
                    + " loopback host, not Host: " + host);
        }
        if (origin != null && !sameHost(origin, host)) {
            return Optional.of("a server without authentication (--insecure-localhost) refuses requests from web"
                    + " pages of another origin: Origin: " + origin);
        }
        return Optional.empty();
    }

    /** {@code localhost}, {@code 127.0.0.1:6443}, {@code [::1]:6443}. */
    static boolean isLoopback(String hostHeader) {
        String host = withoutPort(hostHeader.trim().toLowerCase(Locale.ROOT));
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
                || IPV4_LOOPBACK.matcher(host).matches();
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = new URI(origin.trim());
            return uri.getRawAuthority() != null && uri.getPath().isEmpty() && host != null
                    && uri.getRawAuthority().equalsIgnoreCase(host.trim())
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        return PORT.matcher(host).replaceFirst("");
    }
}
