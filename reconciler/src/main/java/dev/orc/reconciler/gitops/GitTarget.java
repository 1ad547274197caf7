package dev.orc.reconciler.gitops;

import dev.orc.api.gitops.UrlCredentials;

import java.util.regex.Pattern;

/**
 * What to fetch: a repository URL (https, ssh, scp-like {@code user@host:path}, file, or a local path; which of them
 * a server accepts is {@link RepositoryUrls}'), at most one of branch, tag or commit (none = the remote's HEAD), and the folder of manifests inside it
 * ("" = the root).
 */
public record GitTarget(String url, String branch, String tag, String commit, String path) {
    public GitTarget {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("spec.url: required");
        }
        int refs = (blank(branch) ? 0 : 1) + (blank(tag) ? 0 : 1) + (blank(commit) ? 0 : 1);
        if (refs > 1) {
            throw new IllegalArgumentException("spec.ref: give one of branch, tag or commit, not " + refs);
        }
        path = normalize(path);
    }

    public static GitTarget branch(String url, String branch, String path) {
        return new GitTarget(url, branch, null, null, path);
    }

    /** Where this target points, for messages: {@code URL@branch:path}. */
    public String describe() {
        String ref = !blank(branch) ? branch : !blank(tag) ? "tag " + tag : !blank(commit) ? commit : "HEAD";
        return UrlCredentials.redact(url) + "@" + ref + (path.isEmpty() ? "" : ":" + path);
    }

    /** Whether the URL is fetched over ssh: {@code ssh://...} or scp-like {@code user@host:path}. */
    public boolean ssh() {
        return RepositoryUrls.ssh(url);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String normalize(String path) {
        if (path == null) {
            return "";
        }
        String clean = path.strip();
        while (clean.startsWith("./")) {
            clean = clean.substring(2);
        }
        while (clean.startsWith("/")) {
            clean = clean.substring(1);
        }
        while (clean.endsWith("/")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        return clean.equals(".") ? "" : clean;
    }
}
