package dev.orc.reconciler.gitops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryUrlsTest {
    @Test
    void httpsSshAndScpLikeUrlsAreAccepted() {
        for (String url : new String[] {"https://git.example/ops.git", "ssh://git@git.example:2222/ops.git",
                "git@github.com:org/ops.git", "git@github.com:/srv/ops.git"}) {
            assertThatCode(() -> RepositoryUrls.check(url, false)).as(url).doesNotThrowAnyException();
        }
    }

    @Test
    void scpLikeUrlsWithAUserAreSshWhateverTheirPath() {
        assertThat(RepositoryUrls.ssh("git@github.com:/srv/ops.git")).isTrue();
        assertThat(RepositoryUrls.ssh("SSH://git.example/ops.git")).isTrue();
        assertThat(RepositoryUrls.ssh("https://git.example/ops.git")).isFalse();
    }

    @Test
    void otherTransportsAreRefusedNamingTheField() {
        for (String url : new String[] {"http://git.example/ops.git", "git://git.example/ops.git",
                "sftp://git.example/ops.git", "github.com:/org/ops.git", "amazon-s3://creds@bucket/ops.git"}) {
            assertThatThrownBy(() -> RepositoryUrls.check(url, true)).as(url).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("spec.url: \"" + url + "\" is not an allowed repository URL: use https://");
        }
    }

    @Test
    void fileUrlsAndLocalPathsNeedTheServerFlag() {
        assertThatThrownBy(() -> RepositoryUrls.check("file:///srv/ops", false))
                .hasMessage("spec.url: \"file:///srv/ops\" reads the server's own disk, which this server does not allow"
                        + " (start it with --gitops-allow-file-urls to allow file:// URLs and local paths)");
        assertThatThrownBy(() -> RepositoryUrls.check("/srv/ops", false)).hasMessageContaining("--gitops-allow-file-urls");
        assertThatCode(() -> RepositoryUrls.check("file:///srv/ops", true)).doesNotThrowAnyException();
        assertThatCode(() -> RepositoryUrls.check("/srv/ops", true)).doesNotThrowAnyException();
    }

    @Test
    void credentialsInARefusedUrlAreNotRepeated() {
        assertThatThrownBy(() -> RepositoryUrls.check("http://user:secret@git.example/ops.git", false))
                .hasMessageNotContaining("secret");
    }
}
