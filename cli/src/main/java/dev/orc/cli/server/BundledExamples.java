package dev.orc.cli.server;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The example manifests packaged in the jar, kept as a Git repository under the data directory so that
 * {@code orc up} can sync them through a GitSource like any user repository. A new orc version with changed
 * examples becomes a new commit.
 */
final class BundledExamples {
    static final List<String> FILES = List.of("config.yaml", "web.yaml", "ingress.yaml", "job.yaml");

    private BundledExamples() {
    }

    /** Writes the examples into {@code dataDir/examples}, commits any change, and returns the repository URL. */
    static String repository(Path dataDir) throws IOException {
        Path repo = dataDir.resolve("examples");
        Files.createDirectories(repo);
        try (Git git = Files.isDirectory(repo.resolve(".git")) ? Git.open(repo.toFile())
                : Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            boolean changed = false;
            for (String file : FILES) {
                byte[] content = read(file);
                Path target = repo.resolve(file);
                if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), content)) {
                    Files.write(target, content);
                    changed = true;
                }
            }
            if (changed) {
                git.add().addFilepattern(".").call();
                PersonIdent orc = new PersonIdent("orc", "orc@localhost");
                git.commit().setMessage("Examples bundled with orc").setAuthor(orc).setCommitter(orc).call();
            }
        } catch (GitAPIException e) {
            throw new IOException("cannot prepare the example repository in " + repo + ": " + e.getMessage(), e);
        }
        return repo.toUri().toString();
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = BundledExamples.class.getResourceAsStream("/examples/" + file)) {
            if (in == null) {
                throw new IOException("example " + file + " is missing from the orc jar");
            }
            return in.readAllBytes();
        }
    }
}
