package dev.orc.reconciler.gitops;

/** HTTPS credentials from a GitSource's secret: username and password, or a token (username optional). */
public record GitCredentials(String username, String password) {
    @Override
    public String toString() {
        return "GitCredentials[username=" + username + ", password=***]";
    }
}
