package dev.orc.reconciler.gitops;

import dev.orc.api.gitops.UrlCredentials;
import dev.orc.reconciler.store.PrivateFiles;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches a target into a bare clone cached under a folder (one per GitSource and URL, so that two sources never share
 * what one of them fetched with its credentials; JGit's background auto-gc is off so that nothing writes to the clone
 * behind a fetch) and reads the manifests of the
 * resolved commit straight from Git's objects, with no working tree. Fetches are shallow for branches and
 * tags, bounded in time, and never put credentials in messages.
 */
public final class GitFetcher {
    /** The most manifest bytes read from one commit. */
    public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
    private static final String TRACKING = "refs/orc/target";

    private final Path cacheDir;
    private final Duration timeout;
    private final boolean allowFileUrls;
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    /** {@code allowFileUrls}: whether {@code file://} URLs and local paths may be fetched ({@link RepositoryUrls}). */
    public GitFetcher(Path cacheDir, Duration timeout, boolean allowFileUrls) {
        this.cacheDir = cacheDir;
        this.timeout = timeout;
        this.allowFileUrls = allowFileUrls;
    }

    /**
     * Fetches {@code target} for the GitSource {@code source} ({@code namespace/name}) into that source's own clone;
     * a URL the server does not accept is refused ({@link IllegalArgumentException} naming {@code spec.url}).
     */
    public GitSnapshot fetch(String source, GitTarget target, Optional<GitCredentials> credentials) throws GitFetchException {
        RepositoryUrls.check(target.url(), allowFileUrls);
        Path repoDir = cacheDir.resolve(cacheName(source, target.url()));
        synchronized (lockFor(repoDir)) {
            try (Git git = open(repoDir)) {
                ObjectId commitId = fetchCommit(git, target, credentials);
                return read(git.getRepository(), commitId, target);
            } catch (IOException e) {
                throw new GitFetchException("cannot use the cached clone of " + redact(target.url()) + ": " + e.getMessage(), e);
            }
        }
    }

    private Object lockFor(Path dir) {
        return locks.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new Object());
    }

    private static Git open(Path repoDir) throws IOException {
        if (Files.isDirectory(repoDir.resolve("objects"))) {
            return Git.open(repoDir.toFile());
        }
        try {
            PrivateFiles.createDirectories(repoDir);
            Git git = Git.init().setBare(true).setDirectory(repoDir.toFile()).call();
            StoredConfig config = git.getRepository().getConfig();
            config.setInt("gc", null, "auto", 0);
            config.save();
            return git;
        } catch (GitAPIException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private ObjectId fetchCommit(Git git, GitTarget target, Optional<GitCredentials> credentials) throws GitFetchException, IOException {
        if (!GitTarget.blank(target.commit())) {
            Optional<ObjectId> known = resolveCommit(git.getRepository(), target.commit());
            if (known.isPresent()) {
                return known.get();
            }
            runFetch(git, target, credentials, "+refs/heads/*:refs/orc/heads/*", false);
            return resolveCommit(git.getRepository(), target.commit()).orElseThrow(() -> new GitFetchException(
                    "commit " + target.commit() + " not found in " + redact(target.url())));
        }
        String source = !GitTarget.blank(target.branch()) ? "refs/heads/" + target.branch()
                : !GitTarget.blank(target.tag()) ? "refs/tags/" + target.tag() : "HEAD";
        runFetch(git, target, credentials, "+" + source + ":" + TRACKING, true);
        ObjectId fetched = git.getRepository().resolve(TRACKING + "^{commit}");
        if (fetched == null) {
            throw new GitFetchException(describeRef(target) + " not found in " + redact(target.url()));
        }
        return fetched;
    }

    private void runFetch(Git git, GitTarget target, Optional<GitCredentials> credentials, String refSpec, boolean shallow)
            throws GitFetchException {
        FetchCommand fetch = git.fetch()
                .setRemote(remoteUrl(target.url()))
                .setRefSpecs(new RefSpec(refSpec))
                .setTimeout((int) Math.max(1, timeout.toSeconds()))
                .setTagOpt(org.eclipse.jgit.transport.TagOpt.NO_TAGS);
        if (shallow) {
            fetch.setDepth(1);
        }
        try (SshAccess ssh = authenticate(fetch, target, credentials)) {
            try {
                fetch.call();
            } catch (GitAPIException | RuntimeException e) {
                Optional<String> refusal = ssh == null ? Optional.empty() : ssh.hostKeyRefusal();
                if (refusal.isPresent()) {
                    throw new GitFetchException("fetch of " + redact(target.url()) + " refused: " + refusal.get(), e);
                }
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (ssh != null && why.contains("Cannot log in")) {
                    throw new GitFetchException("fetch of " + redact(target.url()) + " failed: the server did not accept the ssh"
                            + " private key of spec.secretRef", e);
                }
                if (why.contains("Remote does not have") || why.contains("not found") && why.contains("refs/")) {
                    throw new GitFetchException(describeRef(target) + " not found in " + redact(target.url()), e);
                }
                throw new GitFetchException("fetch of " + redact(target.url()) + " failed: " + redact(why), e);
            }
        }
    }

    /** Sets the fetch's credentials; for an ssh URL, returns the ssh access to close after it (else null). */
    private SshAccess authenticate(FetchCommand fetch, GitTarget target, Optional<GitCredentials> credentials) throws GitFetchException {
        if (target.ssh()) {
            if (!(credentials.orElse(null) instanceof GitCredentials.SshKey key)) {
                throw new GitFetchException("spec.secretRef: the ssh URL " + redact(target.url())
                        + " needs a Secret with an ssh private key (ssh-privatekey or identity) and known_hosts");
            }
            SshAccess ssh = SshAccess.open(key, sshHome());
            fetch.setTransportConfigCallback(ssh::configure);
            return ssh;
        }
        switch (credentials.orElse(null)) {
            case null -> {
            }
            case GitCredentials.Password p -> fetch.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                    p.username() == null || p.username().isEmpty() ? "git" : p.username(), p.password() == null ? "" : p.password()));
            case GitCredentials.SshKey k -> throw new GitFetchException("spec.secretRef: holds an ssh key, but spec.url "
                    + redact(target.url()) + " is not an ssh URL (ssh://user@host/path or user@host:path)");
        }
        return null;
    }

    /** An empty folder that stands in for the home and ~/.ssh of ssh sessions, so the server's own are never read. */
    private Path sshHome() throws GitFetchException {
        try {
            return PrivateFiles.createDirectories(cacheDir.resolve("ssh-home"));
        } catch (IOException e) {
            throw new GitFetchException("cannot create " + cacheDir.resolve("ssh-home") + ": " + e.getMessage(), e);
        }
    }

    private static Optional<ObjectId> resolveCommit(Repository repository, String commit) throws IOException {
        try {
            ObjectId id = repository.resolve(commit + "^{commit}");
            return Optional.ofNullable(id);
        } catch (MissingObjectException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            return Optional.empty();
        }
    }

    private static GitSnapshot read(Repository repository, ObjectId commitId, GitTarget target) throws IOException, GitFetchException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            Map<String, byte[]> files = new HashMap<>();
            long total = 0;
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                if (!target.path().isEmpty()) {
                    tree.setFilter(PathFilter.create(target.path()));
                }
                boolean pathSeen = target.path().isEmpty();
                while (tree.next()) {
                    pathSeen = true;
                    String full = tree.getPathString();
                    String relative = target.path().isEmpty() ? full : full.substring(Math.min(full.length(), target.path().length() + 1));
                    if (!isManifest(relative)) {
                        continue;
                    }
                    ObjectLoader loader = repository.open(tree.getObjectId(0));
                    total += loader.getSize();
                    if (total > MAX_TOTAL_BYTES) {
                        throw new GitFetchException("manifests under " + target.describe() + " exceed " + MAX_TOTAL_BYTES + " bytes");
                    }
                    files.put(relative, loader.getBytes());
                }
                if (!pathSeen) {
                    throw new GitFetchException("path \"" + target.path() + "\" not found in commit " + commit.name());
                }
            }
            return new GitSnapshot(commit.name(), commit.getAuthorIdent().getName() + " <" + commit.getAuthorIdent().getEmailAddress() + ">",
                    commit.getFullMessage().strip(), Instant.ofEpochSecond(commit.getCommitTime()), files);
        }
    }

    static boolean isManifest(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (part.startsWith(".")) {
                return false;
            }
        }
        String lower = relativePath.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    private static String describeRef(GitTarget target) {
        if (!GitTarget.blank(target.branch())) {
            return "branch \"" + target.branch() + "\"";
        }
        return !GitTarget.blank(target.tag()) ? "tag \"" + target.tag() + "\"" : "HEAD";
    }

    private static String remoteUrl(String url) {
        if (url.startsWith("/")) {
            return Path.of(url).toUri().toString();
        }
        return url;
    }

    /** The URL without any https user:password part or ssh password, safe for messages and status. */
    static String redact(String text) {
        return UrlCredentials.redact(text);
    }

    private static String cacheName(String source, String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((source + "\n" + url).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12) + ".git";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
