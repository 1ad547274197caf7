package dev.orc.reconciler.gitops;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The repository URLs a GitSource may name: {@code https://}, {@code ssh://} and scp-like {@code user@host:path}
 * (each fetched with the source's own credentials only), and {@code file://} URLs or local paths only on a server
 * that allows them ({@code --gitops-allow-file-urls}): those read the server's own disk. {@code http://},
 * {@code git://} and JGit's other transports are refused.
 */
final class RepositoryUrls {
    private static final Pattern SCP_LIKE = Pattern.compile("[^@/:\\s]+@[^@/:\\s]+:\\S+");
    private static final String ALLOWED = "use https://, ssh://, user@host:path or, on a server started with"
            + " --gitops-allow-file-urls, file://";

    private RepositoryUrls() {
    }

    /** Whether the URL is fetched over ssh: {@code ssh://...} or scp-like {@code user@host:path}. */
    static boolean ssh(String url) {
        return url.regionMatches(true, 0, "ssh://", 0, 6) || SCP_LIKE.matcher(url).matches();
    }

    /** Refuses, naming {@code spec.url}, a URL a GitSource may not use. */
    static void check(String url, boolean allowFileUrls) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || ssh(url)) {
            return;
        }
        boolean local = lower.startsWith("file://") || url.startsWith("/");
        if (local && allowFileUrls) {
            return;
        }
        String shown = GitFetcher.redact(url);
        throw new IllegalArgumentException(local
                ? "spec.url: \"" + shown + "\" reads the server's own disk, which this server does not allow (start it"
                        + " with --gitops-allow-file-urls to allow file:// URLs and local paths)"
                : "spec.url: \"" + shown + "\" is not an allowed repository URL: " + ALLOWED);
    }
}
