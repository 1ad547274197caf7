package dev.orc.api.gitops;

import java.util.regex.Pattern;

/**
 * Hides the credentials a repository URL may carry ({@code https://user:token@host/...},
 * {@code ssh://user:password@host/...}) wherever a URL is printed: messages, status, tables, the CLI's output.
 */
public final class UrlCredentials {
    private static final Pattern HTTP_USERINFO = Pattern.compile("(?i)(https?://)[^/@\\s]+@");
    private static final Pattern SSH_PASSWORD = Pattern.compile("(?i)((?:git\\+)?ssh(?:\\+git)?://[^/:@\\s]+):[^/@\\s]+@");

    private UrlCredentials() {
    }

    /** {@code text} with the user and password of every http(s) URL and the password of every ssh URL as {@code ***}. */
    public static String redact(String text) {
        return SSH_PASSWORD.matcher(HTTP_USERINFO.matcher(text).replaceAll("$1***@")).replaceAll("$1:***@");
    }
}
