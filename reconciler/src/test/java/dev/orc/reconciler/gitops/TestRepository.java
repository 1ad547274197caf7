package dev.orc.reconciler.gitops;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real Git repository on disk that a test writes commits into, as a user pushing manifests would. */
final class TestRepository implements AutoCloseable {
    private final Path dir;
    private final Git git;

    private TestRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static TestRepository create(Path dir) throws Exception {
        return new TestRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    String url() {
        return dir.toUri().toString();
    }

    TestRepository write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    TestRepository remove(String path) throws IOException {
        Files.deleteIfExists(dir.resolve(path));
        return this;
    }

    String commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("Ada Lovelace", "ada@example.test");
        RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        return commit.name();
    }

    void tag(String name) throws Exception {
        git.tag().setName(name).setAnnotated(false).call();
    }

    void branch(String name) throws Exception {
        git.checkout().setCreateBranch(true).setName(name).call();
    }

    void deleteBranch(String name) throws Exception {
        git.branchDelete().setBranchNames(name).setForce(true).call();
    }

    void checkout(String name) throws Exception {
        git.checkout().setName(name).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
