package dev.orc.cli.gitops;

import dev.orc.reconciler.gitops.GitOpsPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.cli.server.GitFlag;
import dev.orc.cli.server.ServerOptions;
import dev.orc.cli.server.ServerRunner;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * orc's server as {@code orc server} runs it (API server, controllers, GitOps sync) on the embedded store in a
 * temporary directory, plain HTTP on a free loopback port, with helpers to declare GitSources and read them.
 */
final class GitOpsServer implements AutoCloseable {
    static final String NAMESPACE = "default";

    private final ServerRunner runner;

    private GitOpsServer(ServerRunner runner) {
        this.runner = runner;
    }

    static GitOpsServer start(Path dir) throws InterruptedException {
        return start(dir, Optional.empty());
    }

    static GitOpsServer start(Path dir, Optional<GitFlag> git) throws InterruptedException {
        ServerOptions options = new ServerOptions(null, "127.0.0.1:0", dir.resolve("data"), true, dir.resolve("client-config"))
                .withGitOps(GitOpsPolicy.standard().withFileUrls());
        return new GitOpsServer(ServerRunner.start(options, git));
    }

    ApiClient client() {
        return runner.client();
    }

    URI url() {
        return runner.server().url();
    }

    String token() {
        return runner.token();
    }

    /** A GitSource spec following branch main of {@code url}. */
    static ObjectNode spec(String url) {
        ObjectNode spec = Json.object().put("url", url);
        spec.putObject("ref").put("branch", "main");
        return spec;
    }

    void createSource(String name, ObjectNode spec) {
        ObjectNode source = Json.object().put("apiVersion", "orc.dev/v1").put("kind", "GitSource");
        source.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
        source.set("spec", spec);
        client().create(ResourceTypes.GIT_SOURCE, NAMESPACE, source, WriteOptions.defaults());
    }

    void createSecret(String name, String key, String value) {
        ObjectNode secret = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
        secret.putObject("data").put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        client().create(ResourceTypes.SECRET, NAMESPACE, secret, WriteOptions.defaults());
    }

    ObjectNode source(String name) {
        return client().get(ResourceTypes.GIT_SOURCE, NAMESPACE, name);
    }

    GitSourceStatus status(String name) {
        JsonNode status = source(name).path("status");
        return status.isMissingNode() || status.isNull() ? GitSourceStatus.empty() : Json.convert(status, GitSourceStatus.class);
    }

    Optional<ObjectNode> find(ResourceType type, String name) {
        try {
            return Optional.of(client().get(type, NAMESPACE, name));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    List<ObjectNode> list(ResourceType type) {
        List<ObjectNode> items = new ArrayList<>();
        client().listAll(type, NAMESPACE, ListOptions.all()).path("items").forEach(item -> items.add((ObjectNode) item));
        return items;
    }

    /** The Events about the GitSource {@code name}. */
    List<ObjectNode> eventsOf(String name) {
        return list(ResourceTypes.EVENT).stream()
                .filter(e -> e.path("involvedObject").path("kind").asText().equals("GitSource"))
                .filter(e -> e.path("involvedObject").path("name").asText().equals(name))
                .toList();
    }

    @Override
    public void close() {
        runner.close();
    }
}
