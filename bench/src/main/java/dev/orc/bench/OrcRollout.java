package dev.orc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.VersionCommand;
import dev.orc.cli.server.ServerOptions;
import dev.orc.cli.server.ServerRunner;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.NodeAgent;
import dev.orc.node.NodeConfig;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.docker.DockerRuntime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * orc as {@code orc up} runs it, in this process: the server (SQLite store, controllers, scheduler) and a
 * node agent on the real Docker engine under a node name of its own, so it touches no other containers.
 */
final class OrcRollout implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String NAMESPACE = "default";

    private final ServerRunner server;
    private final NodeAgent agent;
    private final String node;

    private OrcRollout(ServerRunner server, NodeAgent agent, String node) {
        this.server = server;
        this.agent = agent;
        this.node = node;
    }

    static OrcRollout start(Path dir, DockerRuntime runtime) throws InterruptedException {
        ServerRunner server = ServerRunner.start(new ServerOptions(null, "127.0.0.1:0", dir, true, dir.resolve("config")));
        String node = "orc-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            NodeAgent agent = NodeAgent.start(NodeConfig.defaults(node, dir.resolve("node")).withServerKey(server.server().nodeClientKey()),
                    new ApiNodeApi(server.client()), runtime, Clock.systemUTC(), VersionCommand.version());
            return new OrcRollout(server, agent, node);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    String node() {
        return node;
    }

    /** Time from creating a Deployment of {@code replicas} pods of {@code image} until all of them are Ready. */
    Duration deploy(String name, String image, int replicas) throws InterruptedException {
        ApiClient client = server.client();
        long start = System.nanoTime();
        client.create(ResourceTypes.DEPLOYMENT, NAMESPACE, deployment(name, image, replicas), WriteOptions.defaults());
        awaitRolledOut(name, replicas);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Time from changing the Deployment's image until every replica runs the new one and is Ready. */
    Duration update(String name, String image, int replicas) throws InterruptedException {
        ObjectNode patch = Json.object();
        patch.putObject("spec").putObject("template").putObject("spec").putArray("containers")
                .addObject().put("name", "app").put("image", image);
        long start = System.nanoTime();
        server.client().patch(ResourceTypes.DEPLOYMENT, NAMESPACE, name, PatchType.STRATEGIC_MERGE, patch,
                WriteOptions.defaults());
        awaitRolledOut(name, replicas);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Deletes the Deployment and waits (bounded) until the agent has removed every container of its pods. */
    void delete(String name) throws InterruptedException {
        server.client().delete(ResourceTypes.DEPLOYMENT, NAMESPACE, name, DeleteOptions.defaults());
        await("the pods of deployment " + name + " to be deleted", () -> server.client()
                .list(ResourceTypes.POD, NAMESPACE, ListOptions.labelSelector("app=" + name))
                .path("items").isEmpty());
        await("the containers of deployment " + name + " to be removed", () ->
                DockerCli.lines("ps", "-aq", "--filter", "label=" + PodLabels.NODE + "=" + node).isEmpty());
    }

    /**
     * The Deployment reports every replica updated, available and ready, and no old one is left: waited on with a
     * watch (polling would take CPU from the rollout it measures).
     */
    private void awaitRolledOut(String name, int replicas) throws InterruptedException {
        Predicate<JsonNode> done = d -> {
            JsonNode status = d.path("status");
            return status.path("observedGeneration").asLong() >= d.path("metadata").path("generation").asLong()
                    && status.path("updatedReplicas").asInt() == replicas
                    && status.path("readyReplicas").asInt() == replicas
                    && status.path("availableReplicas").asInt() == replicas
                    && status.path("replicas").asInt() == replicas;
        };
        ApiClient client = server.client();
        ObjectNode current = client.get(ResourceTypes.DEPLOYMENT, NAMESPACE, name);
        if (done.test(current)) {
            return;
        }
        CountDownLatch rolledOut = new CountDownLatch(1);
        AtomicReference<String> ended = new AtomicReference<>();
        WatchListener listener = new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                if (done.test(event.object())) {
                    rolledOut.countDown();
                }
            }

            @Override
            public void onClose(ApiException failure) {
                ended.set(failure == null ? "the watch ended" : failure.getMessage());
                rolledOut.countDown();
            }
        };
        ListOptions options = ListOptions.fieldSelector("metadata.name=" + name)
                .withResourceVersion(current.path("metadata").path("resourceVersion").asText());
        try (WatchHandle ignored = client.watch(ResourceTypes.DEPLOYMENT, NAMESPACE, options, listener)) {
            if (!rolledOut.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("timed out after " + TIMEOUT.toSeconds() + " s waiting for deployment "
                        + name + " to roll out");
            }
        }
        if (!done.test(client.get(ResourceTypes.DEPLOYMENT, NAMESPACE, name))) {
            throw new IllegalStateException("stopped waiting for deployment " + name + " to roll out: " + ended.get());
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static ObjectNode deployment(String name, String image, int replicas) {
        ObjectNode deployment = Json.object().put("apiVersion", "apps/v1").put("kind", "Deployment");
        deployment.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
        ObjectNode spec = deployment.putObject("spec").put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", name);
        ObjectNode pod = template.putObject("spec").put("terminationGracePeriodSeconds", 5);
        pod.putArray("containers").addObject().put("name", "app").put("image", image)
                .put("imagePullPolicy", "Never");
        return deployment;
    }

    @Override
    public void close() {
        agent.close();
        server.close();
        for (String id : DockerCli.lines("ps", "-aq", "--filter", "label=" + PodLabels.NODE + "=" + node)) {
            try {
                DockerCli.run("rm", "-f", id);
            } catch (IllegalStateException e) {
                // already being removed by the agent, or gone
            }
        }
    }
}
