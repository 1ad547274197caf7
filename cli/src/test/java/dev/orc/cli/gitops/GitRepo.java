package dev.orc.cli.gitops;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real Git repository with a working tree on branch main, which a test writes and commits to like a user. */
final class GitRepo implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("Test Author", "author@example.org");

    private final Path dir;
    private final Git git;

    private GitRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static GitRepo init(Path dir) {
        try {
            Files.createDirectories(dir);
            return new GitRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code file://} URL a GitSource fetches from. */
    String url() {
        return dir.toUri().toString();
    }

    Path dir() {
        return dir;
    }

    GitRepo write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GitRepo delete(String path) {
        try {
            Files.delete(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages every change (additions and deletions) and commits; returns the new commit's id. */
    String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
            return commit.name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
