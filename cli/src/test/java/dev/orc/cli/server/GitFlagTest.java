package dev.orc.cli.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitFlagTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            https://git.example.test/team/apps.git                  | https://git.example.test/team/apps.git | -       | -    | -    |
            https://git.example.test/team/apps.git:deploy/prod      | https://git.example.test/team/apps.git | -       | -    | -    | deploy/prod
            https://git.example.test:8443/apps                      | https://git.example.test:8443/apps     | -       | -    | -    |
            https://git.example.test/apps#staging:k8s               | https://git.example.test/apps          | staging | -    | -    | k8s
            file:///srv/repos/apps#tag:v1.2.0                       | file:///srv/repos/apps                 | -       | v1.2.0 | -  |
            file:///srv/repos/apps#commit:0a1b2c:deploy             | file:///srv/repos/apps                 | -       | -    | 0a1b2c | deploy
            /srv/repos/apps:deploy                                  | /srv/repos/apps                        | -       | -    | -    | deploy
            """)
    void splitsUrlRefAndPath(String flag, String url, String branch, String tag, String commit, String path) {
        assertThat(GitFlag.parse(flag)).isEqualTo(new GitFlag(url, branch, tag, commit, path == null ? "" : path));
    }

    @Test
    void namesTheSourceAfterTheRepository() {
        assertThat(GitFlag.parse("https://git.example.test/team/My_Apps.git").sourceName()).isEqualTo("my-apps");
        assertThatThrownBy(() -> GitFlag.parse(" ")).hasMessage("--git needs a repository URL");
    }
}
