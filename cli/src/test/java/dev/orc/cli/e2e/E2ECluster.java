package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Pod;
import dev.orc.node.NodeAgent;
import dev.orc.node.proxy.ServiceForwarders;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real cluster of {@code orc} processes for one test class: a control plane ({@code orc server} or {@code orc up})
 * on a free loopback port with its own data directory and client config, and {@code orc node} processes with unique
 * names. {@link #close} stops every process and removes every container their agents created.
 */
final class E2ECluster implements AutoCloseable {
    static final Duration STARTUP = Duration.ofSeconds(90);
    /** Every server of a test cluster lets GitSources fetch the tests' local repositories. */
    private static final String GITOPS_FILE_URLS = "--gitops-allow-file-urls";
    private static final Duration NODE_STOP = Duration.ofSeconds(30);
    private static final Pattern API_URL = Pattern.compile("(?:orc server listening on|orc is up: API at) (https?://[^\\s,]+)");

    private final String id = UUID.randomUUID().toString().substring(0, 6);
    private final Path dir;
    private final Path logDir;
    private final Path configFile;
    private List<String> controlPlaneArgs = List.of();
    private final Map<String, OrcProcess> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> nodeArgs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> nodeEnv = new LinkedHashMap<>();
    private final List<String> nodeNames = new ArrayList<>();
    private final Map<String, Path> nodeDataDirs = new LinkedHashMap<>();
    private final List<OrcProcess> stopped = new ArrayList<>();
    private final Map<String, OrcProcess> servers = new LinkedHashMap<>();
    /** Client verbs started with {@link #startOrc}, killed on close if still running. */
    private final List<OrcProcess> clients = new ArrayList<>();
    private OrcProcess controlPlane;
    private ClientConfig config;
    private ApiClient client;

    private E2ECluster(Path dir, String testName) {
        this.dir = dir;
        this.logDir = Path.of("target", "e2e-logs", testName + "-" + id).toAbsolutePath();
        this.configFile = dir.resolve("config");
    }

    /** {@code orc server} over SQLite in {@code dir}, TLS and tokens as by default; {@code extraArgs} add flags. */
    static E2ECluster server(Path dir, String testName, String... extraArgs) {
        return serverOn(dir, testName, "127.0.0.1", extraArgs);
    }

    /**
     * As {@link #server}, listening on {@code address}: one pods can reach (Docker's bridge gateway), so that they reach
     * the API through the {@code kubernetes} Service, whose endpoint it is.
     */
    static E2ECluster serverOn(Path dir, String testName, String address, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("server", "--listen", address + ":0", "--data-dir",
                dir.resolve("server").toString(), GITOPS_FILE_URLS));
        args.addAll(List.of(extraArgs));
        E2ECluster cluster = new E2ECluster(dir, testName);
        cluster.startControlPlane(args);
        return cluster;
    }

    /** {@code orc up} with its local node named uniquely; {@code extraArgs} add flags. */
    static E2ECluster up(Path dir, String testName, String... extraArgs) {
        E2ECluster cluster = new E2ECluster(dir, testName);
        String node = cluster.nodeName("up");
        cluster.nodeNames.add(node);
        cluster.nodeDataDirs.put(node, dir.resolve("up").resolve("node"));
        List<String> args = new ArrayList<>(List.of("up", "--listen", "127.0.0.1:0", "--data-dir", dir.resolve("up").toString(),
                "--node-name", node));
        args.addAll(List.of(extraArgs));
        cluster.startControlPlane(args);
        return cluster;
    }

    private void startControlPlane(List<String> args) {
        controlPlaneArgs = List.copyOf(args);
        try {
            startControlPlane();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void startControlPlane() {
        controlPlane = OrcProcess.start(controlPlaneArgs.getFirst() + "-" + (stopped.size() + 1), logDir, env(), controlPlaneArgs);
        controlPlane.awaitLine(API_URL, STARTUP);
        config = ClientConfig.read(configFile);
        client = ApiClient.connect(config);
    }

    /** Stops the control plane with SIGTERM and starts it again on the same data directory. */
    void restartControlPlane() {
        controlPlane.stop(Duration.ofSeconds(30));
        stopped.add(controlPlane);
        startControlPlane();
    }

    /**
     * Starts one more {@code orc server} of this cluster on {@code listen} (its own data directory under
     * {@code dir/name}, the given flags naming the shared store and cluster token) and returns its API URL once it
     * listens.
     */
    String startServer(String name, String listen, String... args) {
        List<String> command = new ArrayList<>(List.of("server", "--listen", listen, "--data-dir",
                dir.resolve(name).toString(), GITOPS_FILE_URLS));
        command.addAll(List.of(args));
        OrcProcess server = OrcProcess.start(name, logDir, env(), command);
        servers.put(name, server);
        return server.awaitLine(API_URL, STARTUP).group(1);
    }

    /** The running agent process of node {@code name}. */
    OrcProcess nodeProcess(String name) {
        return nodes.get(name);
    }

    /** The server processes by name: the first control plane as "control-plane", then those of {@link #startServer}. */
    Map<String, OrcProcess> servers() {
        Map<String, OrcProcess> all = new LinkedHashMap<>();
        all.put("control-plane", controlPlane);
        all.putAll(servers);
        return all;
    }

    /** From now on the client config (and so every client and node started later) lists all of {@code urls}. */
    void useServers(List<String> urls) {
        config = config.withServer(String.join(",", urls));
        config.write(configFile);
        client = ApiClient.connect(config);
    }

    /** SIGKILL to the control plane, then starts it again on the same data directory. */
    void killAndRestartControlPlane() {
        controlPlane.kill();
        stopped.add(controlPlane);
        startControlPlane();
    }

    /** The control plane's first output line matching {@code pattern}, waited for (bounded). */
    Matcher controlPlaneLine(Pattern pattern) {
        return controlPlane.awaitLine(pattern, STARTUP);
    }

    /** The API server's URL, as the nodes and the client config name it. */
    URI server() {
        return config.server();
    }

    /** A node name unique to this run, so that its containers can be found and removed. */
    private String nodeName(String suffix) {
        return "e2e-" + id + "-" + suffix;
    }

    /**
     * Starts {@code orc node} joined to this cluster with a one-second heartbeat ({@code extraArgs} add flags);
     * returns its name once it is Ready.
     */
    String startNode(String suffix, String... extraArgs) {
        return startNodeWith(suffix, serverUrls(), "127.0.0.1", env(), extraArgs);
    }

    /** As {@link #startNode(String, String...)}, the node running its pods on the Docker engine at {@code dockerHost}. */
    String startNodeOnDocker(String suffix, URI dockerHost, String... extraArgs) {
        Map<String, String> env = new LinkedHashMap<>(env());
        env.put("DOCKER_HOST", dockerHost.toString());
        return startNodeWith(suffix, serverUrls(), "127.0.0.1", env, extraArgs);
    }

    /** As {@link #startNode(String, String...)}, the node reaching the API server at {@code server}. */
    String startNode(String suffix, URI server, String... extraArgs) {
        return startNodeWith(suffix, server.toString(), "127.0.0.1", env(), extraArgs);
    }

    /** As {@link #startNode}, the node's address (where its pods' ports are published) being {@code address}. */
    String startNodeAt(String suffix, String address, String... extraArgs) {
        return startNodeWith(suffix, serverUrls(), address, env(), extraArgs);
    }

    private String serverUrls() {
        return config.servers().stream().map(Object::toString).collect(Collectors.joining(","));
    }

    private String startNodeWith(String suffix, String servers, String address, Map<String, String> env,
                                 String... extraArgs) {
        String name = nodeName(suffix);
        nodeNames.add(name);
        nodeDataDirs.put(name, dir.resolve(name));
        List<String> args = new ArrayList<>(List.of("node", "--server", servers, "--token-file", nodeToken(name).toString(),
                "--certificate-authority", config.certificateAuthority().toString(),
                "--name", name, "--address", address, "--log-port", "0", "--heartbeat", "1s",
                "--data-dir", dir.resolve(name).toString()));
        args.addAll(List.of(extraArgs));
        nodeArgs.put(name, List.copyOf(args));
        nodeEnv.put(name, Map.copyOf(env));
        nodes.put(name, OrcProcess.start(name, logDir, env, args));
        await("node " + name + " Ready", STARTUP, () -> assertThat(nodeReady(name)).isEqualTo("True"));
        return name;
    }

    /** SIGTERM to a node agent, waiting (bounded) until it has stopped: its containers keep running. */
    void stopNode(String name) {
        nodes.get(name).stop(NODE_STOP);
    }

    /** A node credential for {@code name} from {@code orc token create --node}, in a file for {@code --token-file}. */
    private Path nodeToken(String name) {
        String token = orc("token", "create", "--node", name).succeeded().out().strip();
        try {
            return Files.writeString(dir.resolve(name + ".token"), token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL to a node agent: its containers keep running, its heartbeats stop. */
    void killNode(String name) {
        nodes.get(name).kill();
    }

    /** Starts the killed or stopped agent of node {@code name} again with the arguments it had, until it runs. */
    void restartNode(String name) {
        stopped.add(nodes.get(name));
        OrcProcess node = OrcProcess.start(name + "-" + stopped.size(), logDir, nodeEnv.get(name), nodeArgs.get(name));
        nodes.put(name, node);
        node.awaitLine(Pattern.compile("orc node " + Pattern.quote(name) + ": running pods"), STARTUP);
    }

    String nodeReady(String name) {
        JsonNode conditions = client.get(ResourceTypes.NODE, null, name).path("status").path("conditions");
        return StreamSupport.stream(conditions.spliterator(), false)
                .filter(c -> "Ready".equals(c.path("type").asText()))
                .map(c -> c.path("status").asText()).findFirst().orElse("");
    }

    ApiClient client() {
        return client;
    }

    /** The pods of {@code namespace} matching the label selector. */
    List<PodView> pods(String namespace, String labelSelector) {
        JsonNode items = client.list(ResourceTypes.POD, namespace, ListOptions.labelSelector(labelSelector)).path("items");
        return StreamSupport.stream(items.spliterator(), false).map(item -> PodView.of(Json.convert(item, Pod.class))).toList();
    }

    /** Runs an {@code orc} client verb as a process configured through this cluster's client config. */
    CommandResult orc(String... args) {
        return OrcJar.run(logDir.resolve("cli"), env(), Duration.ofSeconds(60), args);
    }

    /** Starts an {@code orc} client verb that runs for a while ({@code orc drain}) as a process of its own, not awaited. */
    OrcProcess startOrc(String name, String... args) {
        OrcProcess process = OrcProcess.start(name, logDir, env(), List.of(args));
        clients.add(process);
        return process;
    }

    /** Writes {@code yaml} to a file named after {@code name} and applies it with {@code orc apply -f}. */
    CommandResult apply(String name, String yaml) {
        return orc("apply", "-f", write(name, yaml).toString()).succeeded();
    }

    /** Writes {@code yaml} to a file named after {@code name}; returns the file. */
    Path write(String name, String yaml) {
        try {
            Path file = logDir.resolve("manifests").resolve(name + ".yaml");
            Files.createDirectories(file.getParent());
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token node {@code name} was started with. */
    String nodeTokenOf(String name) {
        try {
            return Files.readString(dir.resolve(name + ".token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The admin's token (the nodes have tokens of their own). */
    String token() {
        return config.token();
    }

    /**
     * Waits for {@code assertion} to hold; on timeout fails with the processes' recent output, the cluster's Warning
     * events and the state of its containers, so that a pod that never became ready says why.
     */
    void await(String what, Duration atMost, ThrowingRunnable assertion) {
        try {
            org.awaitility.Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + processOutput() + warningEvents()
                    + DockerHost.describeContainersOf(nodeNames), e);
        }
    }

    /** The cluster's Warning events, for failure messages; what went wrong when they cannot be read. */
    private String warningEvents() {
        StringBuilder text = new StringBuilder("--- Warning events ---\n");
        try {
            client.listAll(ResourceTypes.EVENT, null, ListOptions.all()).path("items").forEach(event -> {
                if ("Warning".equals(event.path("type").asText())) {
                    JsonNode about = event.path("involvedObject");
                    text.append(event.path("lastTimestamp").asText()).append(' ')
                            .append(about.path("kind").asText()).append('/').append(about.path("name").asText())
                            .append(' ').append(event.path("reason").asText()).append(" x")
                            .append(event.path("count").asInt(1)).append(": ").append(event.path("message").asText())
                            .append('\n');
                }
            });
        } catch (RuntimeException e) {
            text.append("unreadable: ").append(e.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** The recent output of every process of this cluster, for failure messages. */
    String processOutput() {
        StringBuilder text = new StringBuilder();
        stopped.forEach(p -> text.append(p.tail(40)));
        clients.forEach(p -> text.append(p.tail(40)));
        if (controlPlane != null) {
            text.append(controlPlane.tail(80));
        }
        servers.values().forEach(p -> text.append(p.tail(40)));
        nodes.values().forEach(p -> text.append(p.tail(40)));
        return text.toString();
    }

    /** The environment of the cluster's client processes: its client config. */
    Map<String, String> env() {
        return Map.of("ORC_CONFIG", configFile.toString());
    }

    /** The client config the cluster's clients use (server, token, CA). */
    ClientConfig clientConfig() {
        return config;
    }

    /**
     * Stops the node agents with SIGTERM (so that each removes the service and DNS addresses and the iptables chains
     * it added to this machine), kills the control plane, removes the iptables chains that an agent killed on the way
     * or orc up's own node left, and removes every container the agents created.
     */
    @Override
    public void close() {
        clients.forEach(OrcProcess::kill);
        nodes.values().forEach(node -> node.stop(NODE_STOP));
        if (controlPlane != null) {
            controlPlane.kill();
        }
        nodeDataDirs.forEach((name, data) -> ServiceForwarders.removeLeftovers(NodeAgent.proxyOwner(name, data)));
        servers.values().forEach(OrcProcess::kill);
        DockerHost.removeContainersOf(nodeNames);
    }
}
