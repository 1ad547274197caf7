package dev.orc.reconciler.gitops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitFetcherTest {
    @TempDir
    Path temp;
    private TestRepository repo;
    private GitFetcher fetcher;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepository.create(temp.resolve("repo"));
        fetcher = new GitFetcher(temp.resolve("cache"), Duration.ofSeconds(30), true);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private GitSnapshot fetch(GitTarget target) throws GitFetchException {
        return fetcher.fetch("default/apps", target, Optional.empty());
    }

    @Test
    void readsTheManifestsUnderThePathOfTheBranchHead() throws Exception {
        repo.write("apps/web.yaml", "kind: Deployment\n")
                .write("apps/nested/db.yml", "kind: Service\n")
                .write("apps/.hidden.yaml", "kind: Secret\n")
                .write("apps/.git-crypt/key.yaml", "x\n")
                .write("apps/README.md", "# docs\n")
                .write("other/job.yaml", "kind: Job\n");
        String commit = repo.commit("Add web and db\n\nLonger body.");
        GitSnapshot snapshot = fetch(GitTarget.branch(repo.url(), "main", "./apps/"));
        assertThat(snapshot.commit()).isEqualTo(commit);
        assertThat(snapshot.files().keySet()).containsExactly("nested/db.yml", "web.yaml");
        assertThat(new String(snapshot.files().get("web.yaml"), StandardCharsets.UTF_8)).isEqualTo("kind: Deployment\n");
        assertThat(snapshot.author()).isEqualTo("Ada Lovelace <ada@example.test>");
        assertThat(snapshot.subject()).isEqualTo("Add web and db");
    }

    @Test
    void aNewCommitIsSeenByTheNextFetchAndRemovedFilesAreGone() throws Exception {
        repo.write("a.yaml", "a\n").write("b.yaml", "b\n");
        repo.commit("first");
        assertThat(fetch(GitTarget.branch(repo.url(), "main", "")).files()).containsOnlyKeys("a.yaml", "b.yaml");
        repo.remove("b.yaml");
        String second = repo.commit("drop b");
        GitSnapshot next = fetch(GitTarget.branch(repo.url(), "main", ""));
        assertThat(next.commit()).isEqualTo(second);
        assertThat(next.files()).containsOnlyKeys("a.yaml");
    }

    @Test
    void resolvesTagsCommitsAndTheRemoteHead() throws Exception {
        repo.write("a.yaml", "v1\n");
        String first = repo.commit("v1");
        repo.tag("v1.0.0");
        repo.write("a.yaml", "v2\n");
        String second = repo.commit("v2");
        assertThat(fetch(new GitTarget(repo.url(), null, "v1.0.0", null, "")).commit()).isEqualTo(first);
        assertThat(fetch(new GitTarget(repo.url(), null, null, first, "")).commit()).isEqualTo(first);
        assertThat(fetch(new GitTarget(repo.url(), null, null, null, "")).commit()).isEqualTo(second);
    }

    @Test
    void readsAnotherBranch() throws Exception {
        repo.write("a.yaml", "main\n");
        repo.commit("main");
        repo.branch("staging");
        repo.write("a.yaml", "staging\n");
        String staging = repo.commit("staging");
        repo.checkout("main");
        assertThat(fetch(GitTarget.branch(repo.url(), "staging", "")).commit()).isEqualTo(staging);
    }

    @Test
    void aCommitOneSourceFetchedIsNotFoundThroughAnotherSourceOfTheSameUrl() throws Exception {
        repo.write("a.yaml", "main\n");
        repo.commit("main");
        repo.branch("private");
        repo.write("a.yaml", "private\n");
        String hidden = repo.commit("private");
        repo.checkout("main");
        assertThat(fetcher.fetch("team-a/apps", GitTarget.branch(repo.url(), "private", ""), Optional.empty()).commit())
                .isEqualTo(hidden);
        repo.deleteBranch("private");
        assertThatThrownBy(() -> fetcher.fetch("team-b/apps", new GitTarget(repo.url(), null, null, hidden, ""), Optional.empty()))
                .isInstanceOf(GitFetchException.class).hasMessageContaining("commit " + hidden + " not found");
        assertThat(fetcher.fetch("team-a/apps", new GitTarget(repo.url(), null, null, hidden, ""), Optional.empty()).commit())
                .isEqualTo(hidden);
    }

    @Test
    void aFileUrlIsRefusedByAServerThatDoesNotAllowThem() {
        GitFetcher strict = new GitFetcher(temp.resolve("strict"), Duration.ofSeconds(30), false);
        assertThatThrownBy(() -> strict.fetch("default/apps", GitTarget.branch(repo.url(), "main", ""), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("spec.url: ")
                .hasMessageContaining("--gitops-allow-file-urls");
    }

    @Test
    void aMissingBranchPathOrCommitIsAClearError() throws Exception {
        repo.write("a.yaml", "a\n");
        repo.commit("first");
        assertThatThrownBy(() -> fetch(GitTarget.branch(repo.url(), "nope", "")))
                .isInstanceOf(GitFetchException.class).hasMessageContaining("branch \"nope\" not found in " + repo.url());
        assertThatThrownBy(() -> fetch(GitTarget.branch(repo.url(), "main", "missing/dir")))
                .isInstanceOf(GitFetchException.class).hasMessageStartingWith("path \"missing/dir\" not found in commit ");
        assertThatThrownBy(() -> fetch(new GitTarget(repo.url(), null, null, "0123456789abcdef0123456789abcdef01234567", "")))
                .isInstanceOf(GitFetchException.class).hasMessageContaining("commit 0123456789abcdef0123456789abcdef01234567 not found");
    }

    @Test
    void anUnreachableRepositoryFailsWithoutHanging() {
        assertThatThrownBy(() -> fetch(GitTarget.branch(temp.resolve("absent").toUri().toString(), "main", "")))
                .isInstanceOf(GitFetchException.class).hasMessageContaining("fetch of ");
    }

    @Test
    void credentialsNeverAppearInMessages() {
        assertThat(GitFetcher.redact("fetch of https://ada:s3cret@git.example.test/repo.git failed"))
                .isEqualTo("fetch of https://***@git.example.test/repo.git failed");
        assertThat(new GitCredentials.Password("ada", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesSeveralRefsAtOnce() {
        assertThatThrownBy(() -> new GitTarget("file:///x", "main", "v1", null, ""))
                .hasMessage("spec.ref: give one of branch, tag or commit, not 2");
    }
}
