package dev.orc.reconciler.gitops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitFetcherSshTest {
    @TempDir
    Path temp;
    private TestRepository repo;
    private GitFetcher fetcher;
    private KeyPair userKey;
    private SshGitServer server;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepository.create(temp.resolve("served/manifests"));
        repo.write("web.yaml", "kind: Deployment\n");
        repo.commit("Add web");
        userKey = SshGitServer.ed25519Key();
        server = SshGitServer.start(temp.resolve("served"), userKey.getPublic());
        fetcher = new GitFetcher(temp.resolve("cache"), Duration.ofSeconds(30), true);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        repo.close();
    }

    private GitTarget target() {
        return GitTarget.branch(server.url("manifests"), "main", "");
    }

    private GitSnapshot fetch(GitCredentials credentials) throws GitFetchException {
        return fetcher.fetch("default/apps", target(), Optional.of(credentials));
    }

    @Test
    void fetchesOverSshWithTheSecretsKeyAndKnownHosts() throws Exception {
        GitSnapshot snapshot = fetch(new GitCredentials.SshKey(SshGitServer.openSsh(userKey, ""), "", server.knownHosts()));
        assertThat(snapshot.files()).containsOnlyKeys("web.yaml");
        repo.write("db.yaml", "kind: Service\n");
        String second = repo.commit("Add db");
        assertThat(fetch(new GitCredentials.SshKey(SshGitServer.openSsh(userKey, ""), "", server.knownHosts())).commit())
                .isEqualTo(second);
    }

    @Test
    void readsAKeyEncryptedWithItsPassphrase() throws Exception {
        String encrypted = SshGitServer.openSsh(userKey, "correct horse");
        assertThat(fetch(new GitCredentials.SshKey(encrypted, "correct horse", server.knownHosts())).files()).containsOnlyKeys("web.yaml");
        assertThatThrownBy(() -> fetch(new GitCredentials.SshKey(encrypted, "", server.knownHosts())))
                .isInstanceOf(GitFetchException.class)
                .hasMessageContaining("spec.secretRef: the ssh private key cannot be read")
                .hasMessageContaining("ssh-passphrase");
    }

    @Test
    void aServerWhoseHostKeyDiffersFromKnownHostsIsRefusedNamingTheHost() throws Exception {
        String otherHostKey = server.knownHostsLine(SshGitServer.rsaKey().getPublic());
        String privateKey = SshGitServer.openSsh(userKey, "");
        assertThatThrownBy(() -> fetch(new GitCredentials.SshKey(privateKey, "", otherHostKey)))
                .isInstanceOf(GitFetchException.class)
                .hasMessageContaining("refused: the host key of [127.0.0.1]:" + server.port())
                .hasMessageContaining("does not match known_hosts")
                .hasMessageNotContaining("PRIVATE KEY");
    }

    @Test
    void aHostMissingFromKnownHostsIsRefusedNamingTheHost() throws Exception {
        String anotherHost = "git.example.test " + server.knownHosts().split(" ", 2)[1];
        assertThatThrownBy(() -> fetch(new GitCredentials.SshKey(SshGitServer.openSsh(userKey, ""), "", anotherHost)))
                .isInstanceOf(GitFetchException.class)
                .hasMessageContaining("host [127.0.0.1]:" + server.port() + " is not in known_hosts");
    }

    @Test
    void aKeyTheServerDoesNotAcceptFailsWithoutShowingTheKey() throws Exception {
        String wrongKey = SshGitServer.openSsh(SshGitServer.ed25519Key(), "");
        assertThatThrownBy(() -> fetch(new GitCredentials.SshKey(wrongKey, "", server.knownHosts())))
                .isInstanceOf(GitFetchException.class)
                .hasMessage("fetch of " + server.url("manifests") + " failed: the server did not accept the ssh private key"
                        + " of spec.secretRef")
                .hasMessageNotContaining(wrongKey.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void anSshUrlWithoutAnSshKeyAsksForOneInTheSecret() {
        assertThatThrownBy(() -> fetcher.fetch("default/apps", target(), Optional.empty()))
                .hasMessageContaining("spec.secretRef: the ssh URL " + server.url("manifests"))
                .hasMessageContaining("ssh-privatekey");
        assertThatThrownBy(() -> fetch(new GitCredentials.Password("git", "s3cret")))
                .hasMessageContaining("spec.secretRef: the ssh URL");
    }

    @Test
    void knownHostsThatIsNotKnownHostsIsReportedByLine() throws Exception {
        String privateKey = SshGitServer.openSsh(userKey, "");
        assertThatThrownBy(() -> fetch(new GitCredentials.SshKey(privateKey, "", "# comment\nnot a host key line\n")))
                .hasMessage("spec.secretRef: known_hosts: line 2 is not a known_hosts entry (host key-type base64-key)");
    }
}
