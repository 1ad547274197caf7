package dev.orc.reconciler.gitops;

import dev.orc.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a GitSource's credentials from the Secret that {@code spec.secretRef} names, with the keys Flux and
 * Argo CD use: {@code username} with {@code password} or {@code token} for https; {@code ssh-privatekey} (or
 * {@code identity}), optional {@code ssh-passphrase}, and {@code known_hosts} for ssh.
 */
public final class SecretCredentials {
    private SecretCredentials() {
    }

    public static GitCredentials read(Secret secret, GitTarget target) throws GitFetchException {
        String name = secret.metadata().name();
        if (!target.ssh()) {
            Optional<String> password = text(secret, "password").or(() -> text(secret, "token"));
            return new GitCredentials.Password(text(secret, "username").orElse(""), password.orElse(""));
        }
        String key = text(secret, "ssh-privatekey").or(() -> text(secret, "identity")).orElseThrow(() -> new GitFetchException(
                "spec.secretRef: Secret \"" + name + "\" has no \"ssh-privatekey\" (or \"identity\") key, which the ssh URL "
                        + GitFetcher.redact(target.url()) + " needs"));
        String knownHosts = text(secret, "known_hosts").filter(s -> !s.isBlank()).orElseThrow(() -> new GitFetchException(
                "spec.secretRef: Secret \"" + name + "\" has no \"known_hosts\" key; orc checks ssh host keys strictly, so it"
                        + " needs the server's host key (e.g. the output of ssh-keyscan)"));
        return new GitCredentials.SshKey(key, text(secret, "ssh-passphrase").orElse(""), knownHosts);
    }

    private static Optional<String> text(Secret secret, String key) {
        return secret.value(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
