package dev.orc.reconciler.apiserver.admission.podsecurity;

import java.util.regex.Pattern;

/**
 * A level at a version of the Pod Security Standards, as a namespace's labels name it ({@code restricted} and
 * {@code v1.30}); orc checks every version as {@code latest} checks it, and names the version asked for in its
 * messages: {@code "restricted:v1.30"}.
 */
public record Policy(Level level, String version) {
    public static final String LATEST = "latest";
    private static final Pattern VERSION = Pattern.compile("v1\\.(0|[1-9][0-9]{0,3})");
    /** What an unreadable level or version stands for: the most restrictive, as Kubernetes reads it. */
    static final Policy UNREADABLE = new Policy(Level.RESTRICTED, LATEST);

    /** {@code latest} or {@code v1.N}. */
    static boolean validVersion(String version) {
        return LATEST.equals(version) || VERSION.matcher(version).matches();
    }

    @Override
    public String toString() {
        return level.label() + ":" + version;
    }
}
