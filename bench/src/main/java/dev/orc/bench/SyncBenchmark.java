package dev.orc.bench;

import dev.orc.reconciler.gitops.ApplyMethod;
import dev.orc.reconciler.gitops.GitOpsPolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.server.ServerOptions;
import dev.orc.cli.server.ServerRunner;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One run of the sync benchmark: an in-process orc server, a Git repository of {@code objects} ConfigMaps (one
 * file each) synced by a GitSource that polls only hourly, so that every sync measured is one a signed webhook
 * asked for. After two unmeasured pushes (warm-up), each round commits a change to every object and times the
 * webhook delivery to the Synced event;
 * then a webhook with no new commit times a resync that changes nothing.
 */
final class SyncBenchmark {
    static final String NAMESPACE = "default";
    static final String SOURCE = "bench";
    private static final String SECRET = "bench-webhook-secret";
    private static final Duration WAIT = Duration.ofMinutes(5);
    /** Pushes synced before measuring, so that no measurement is taken while the JIT compiler is still at work. */
    static final int WARM_UP_ROUNDS = 2;

    private final int objects;
    private final int rounds;
    private final ApplyMethod apply;
    private final HttpClient http = HttpClient.newHttpClient();

    SyncBenchmark(int objects, int rounds, ApplyMethod apply) {
        this.objects = objects;
        this.rounds = rounds;
        this.apply = apply;
    }

    SyncBenchResult run(Path scratch) throws IOException, InterruptedException, TimeoutException, GitAPIException {
        Path repoDir = scratch.resolve("repo");
        ServerOptions options = new ServerOptions(null, "127.0.0.1:0", scratch.resolve("data"), true, scratch.resolve("client-config"))
                .withGitOps(GitOpsPolicy.standard().withFileUrls().withApply(apply));
        try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call();
             ServerRunner server = ServerRunner.start(options, Optional.empty())) {
            ApiClient client = server.client();
            String initialCommit = commitAll(git, repoDir, "v0");
            createSource(client, repoDir);
            try (SyncedEvents synced = new SyncedEvents(client, NAMESPACE, SOURCE)) {
                long created = System.nanoTime();
                Duration initial = elapsed(created, synced.next(initialCommit, WAIT));
                for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                    String commit = commitAll(git, repoDir, "warm-up-" + round);
                    synced.clear();
                    deliver(server.server().url(), commit);
                    synced.next(commit, WAIT);
                }
                List<Duration> pushes = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    String commit = commitAll(git, repoDir, "v" + round);
                    synced.clear();
                    long delivered = deliver(server.server().url(), commit);
                    pushes.add(elapsed(delivered, synced.next(commit, WAIT)));
                }
                List<Duration> resyncs = new ArrayList<>();
                String head = git.getRepository().resolve("HEAD").name();
                for (int round = 1; round <= rounds; round++) {
                    synced.clear();
                    long delivered = deliver(server.server().url(), head);
                    resyncs.add(elapsed(delivered, synced.next(head, WAIT)));
                }
                return new SyncBenchResult(objects, initial, pushes, resyncs);
            }
        }
    }

    /** Writes every ConfigMap with {@code value} and commits; returns the commit id. */
    private String commitAll(Git git, Path repoDir, String value) throws IOException, GitAPIException {
        for (int i = 0; i < objects; i++) {
            String name = "bench-%05d".formatted(i);
            Files.writeString(repoDir.resolve(name + ".yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: %s
                    data:
                      value: "%s"
                    """.formatted(name, value));
        }
        git.add().addFilepattern(".").call();
        return git.commit().setMessage("every object at " + value).setSign(false).call().name();
    }

    private void createSource(ApiClient client, Path repoDir) {
        ObjectNode secret = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", SOURCE + "-webhook").put("namespace", NAMESPACE);
        secret.putObject("data").put("secret", Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        client.create(ResourceTypes.SECRET, NAMESPACE, secret, WriteOptions.defaults());
        ObjectNode source = Json.object().put("apiVersion", "orc.dev/v1").put("kind", "GitSource");
        source.putObject("metadata").put("name", SOURCE).put("namespace", NAMESPACE);
        ObjectNode spec = source.putObject("spec").put("url", repoDir.toUri().toString()).put("interval", "1h");
        spec.putObject("ref").put("branch", "main");
        spec.putObject("webhook").putObject("secretRef").put("name", SOURCE + "-webhook");
        client.create(ResourceTypes.GIT_SOURCE, NAMESPACE, source, WriteOptions.defaults());
    }

    /** Delivers a signed GitHub push event for {@code commit}; returns when it was sent. */
    private long deliver(URI server, String commit) throws IOException, InterruptedException {
        ObjectNode push = Json.object().put("ref", "refs/heads/main").put("after", commit);
        byte[] body = Json.write(push).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/hooks/git/" + NAMESPACE + "/" + SOURCE))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + hmac(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long sent = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the webhook was refused (" + response.statusCode() + "): " + response.body());
        }
        return sent;
    }

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration elapsed(long from, SyncedEvents.Arrival arrival) {
        return Duration.ofNanos(arrival.nanos() - from);
    }
}
