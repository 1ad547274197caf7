package dev.orc.cli.server;

/**
 * {@code --git URL[#REF][:PATH]}: a repository, optionally a branch (or {@code tag:NAME}, {@code commit:SHA}) after
 * {@code #}, and the folder of manifests after a {@code :} in the URL's path (not the host's port).
 */
public record GitFlag(String url, String branch, String tag, String commit, String path) {
    public static GitFlag parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--git needs a repository URL");
        }
        String rest = text.strip();
        String ref = null;
        String path = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            String tail = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
            int colon = tail.lastIndexOf(':');
            if (colon >= 0 && !tail.startsWith("tag:") && !tail.startsWith("commit:") || colon > tail.indexOf(':')) {
                path = tail.substring(colon + 1);
                tail = tail.substring(0, colon);
            }
            ref = tail;
        } else {
            int scheme = rest.indexOf("://");
            int from = scheme < 0 ? 0 : rest.indexOf('/', scheme + 3);
            int colon = from < 0 ? -1 : rest.indexOf(':', from);
            if (colon >= 0) {
                path = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("--git needs a repository URL, got \"" + text + "\"");
        }
        if (ref == null || ref.isEmpty()) {
            return new GitFlag(rest, null, null, null, path);
        }
        if (ref.startsWith("tag:")) {
            return new GitFlag(rest, null, ref.substring(4), null, path);
        }
        if (ref.startsWith("commit:")) {
            return new GitFlag(rest, null, null, ref.substring(7), path);
        }
        return new GitFlag(rest, ref, null, null, path);
    }

    /** A GitSource name from the repository's last path segment ({@code .../apps.git} gives {@code apps}). */
    public String sourceName() {
        String trimmed = url.replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1).replaceAll("\\.git$", "").toLowerCase();
        String name = last.replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "repo" : name.length() > 63 ? name.substring(0, 63) : name;
    }
}
