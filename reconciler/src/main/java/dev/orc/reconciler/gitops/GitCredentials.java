package dev.orc.reconciler.gitops;

/**
 * Credentials from a GitSource's secret: a username and password (or token) for https, or an ssh private key
 * with the known_hosts that the server's host key must match. {@code toString} never shows a secret.
 */
public sealed interface GitCredentials {
    /** HTTPS: username and password, or a token (username optional). */
    record Password(String username, String password) implements GitCredentials {
        @Override
        public String toString() {
            return "Password[username=" + username + ", password=***]";
        }
    }

    /** SSH: a private key (OpenSSH or PEM text), its passphrase ("" = none) and known_hosts lines. */
    record SshKey(String privateKey, String passphrase, String knownHosts) implements GitCredentials {
        public SshKey {
            passphrase = passphrase == null ? "" : passphrase;
        }

        @Override
        public String toString() {
            return "SshKey[privateKey=***, passphrase=***]";
        }
    }
}
