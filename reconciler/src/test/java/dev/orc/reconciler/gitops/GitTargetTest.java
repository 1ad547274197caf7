package dev.orc.reconciler.gitops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GitTargetTest {
    @ParameterizedTest(name = "{0} is fetched over ssh: {1}")
    @CsvSource({
            "ssh://git@github.com/acme/deploy.git, true",
            "ssh://git@gitea.internal:2222/acme/deploy.git, true",
            "SSH://git@host/repo, true",
            "git+ssh://git@host/repo, false",
            "git@github.com:acme/deploy.git, true",
            "git@github.com:/srv/deploy.git, true",
            "gitserver:deploy.git, false",
            "https://github.com/acme/deploy.git, false",
            "https://user:token@github.com/acme/deploy.git, false",
            "http://127.0.0.1:3000/acme/deploy.git, false",
            "file:///srv/git/deploy, false",
            "file:/srv/git/deploy, false",
            "/srv/git/deploy, false",
            "deploy, false",
    })
    void tellsSshUrlsFromOthers(String url, boolean ssh) {
        assertThat(GitTarget.branch(url, "main", "").ssh()).isEqualTo(ssh);
    }

    @Test
    void aDescriptionHidesTheUrlsCredentials() {
        assertThat(GitTarget.branch("https://alice:s3cret@github.com/acme/deploy.git", "main", "apps").describe())
                .isEqualTo("https://***@github.com/acme/deploy.git@main:apps");
    }
}
