package dev.orc.reconciler.gitops;

import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCredentialsTest {
    private static final GitTarget SSH = GitTarget.branch("git@github.com:acme/deploy.git", "main", "");
    private static final GitTarget HTTPS = GitTarget.branch("https://github.com/acme/deploy.git", "main", "");
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
    private static final String KNOWN_HOSTS = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n";

    private static Secret secret(String... keysAndValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put(keysAndValues[i], Base64.getEncoder().encodeToString(keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return Secret.of(ObjectMeta.of("apps", "git-auth"), data);
    }

    @Test
    void anSshUrlReadsThePrivateKeyPassphraseAndKnownHosts() throws Exception {
        assertThat(SecretCredentials.read(secret("ssh-privatekey", KEY, "ssh-passphrase", "pw", "known_hosts", KNOWN_HOSTS), SSH))
                .isEqualTo(new GitCredentials.SshKey(KEY, "pw", KNOWN_HOSTS));
    }

    @Test
    void argoCdsIdentityKeyNameIsReadToo() throws Exception {
        assertThat(SecretCredentials.read(secret("identity", KEY, "known_hosts", KNOWN_HOSTS), SSH))
                .isEqualTo(new GitCredentials.SshKey(KEY, "", KNOWN_HOSTS));
    }

    @Test
    void anSshUrlWithoutAPrivateKeyNamesTheSecretAndTheKeys() {
        assertThatThrownBy(() -> SecretCredentials.read(secret("username", "ada", "known_hosts", KNOWN_HOSTS), SSH))
                .isInstanceOf(GitFetchException.class)
                .hasMessage("spec.secretRef: Secret \"git-auth\" has no \"ssh-privatekey\" (or \"identity\") key, which the ssh URL"
                        + " git@github.com:acme/deploy.git needs");
    }

    @Test
    void anSshUrlWithoutKnownHostsIsRefusedBecauseHostKeysAreCheckedStrictly() {
        assertThatThrownBy(() -> SecretCredentials.read(secret("ssh-privatekey", KEY), SSH))
                .isInstanceOf(GitFetchException.class)
                .hasMessageStartingWith("spec.secretRef: Secret \"git-auth\" has no \"known_hosts\" key")
                .hasMessageNotContaining("OPENSSH");
    }

    @Test
    void anHttpsUrlReadsUsernameAndPasswordOrToken() throws Exception {
        assertThat(SecretCredentials.read(secret("username", "ada", "password", "s3cret"), HTTPS))
                .isEqualTo(new GitCredentials.Password("ada", "s3cret"));
        assertThat(SecretCredentials.read(secret("token", "ghp_x", "ssh-privatekey", KEY), HTTPS))
                .isEqualTo(new GitCredentials.Password("", "ghp_x"));
    }

    @Test
    void credentialsNeverShowTheirSecretsAsText() {
        assertThat(new GitCredentials.SshKey(KEY, "pw", KNOWN_HOSTS).toString()).doesNotContain("OPENSSH", "pw");
        assertThat(new GitCredentials.Password("ada", "s3cret").toString()).doesNotContain("s3cret");
    }
}
