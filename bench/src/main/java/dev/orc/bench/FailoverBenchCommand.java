package dev.orc.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * {@code orc bench failover}: how long a cluster of two {@code orc server}s on one etcd goes without a leader. For a
 * SIGKILL of the leader, then for a SIGTERM: the time from the signal to the other server holding the leader Lease,
 * to its first reconcile of a Deployment created right after the signal (its ReplicaSet exists), and to all that
 * Deployment's pods being Ready on simulated nodes that know both servers. The stopped server is started again
 * before the second round, so each round starts with two servers.
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Measure the leader's failover on two orc servers over one etcd (issue #15).")
final class FailoverBenchCommand implements Callable<Integer> {
    private static final String LEASE = "orc-controller-manager";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final List<String> COMMAND = List.of("sh", "-c", "serve");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--replicas", defaultValue = "5", description = "Pods of the Deployment made after each stop (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--nodes", defaultValue = "3", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    private enum Stop { SIGKILL, SIGTERM }

    @Override
    public Integer call() throws Exception {
        if (replicas < 1 || nodes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--replicas and --nodes must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("orc-bench-failover");
        List<ServerProcess> servers = new ArrayList<>();
        try (LocalEtcd etcd = LocalEtcd.start(dir.resolve("etcd"))) {
            List<String> args = List.of("--store", "etcd://" + etcd.endpoint().replace("http://", ""), "--log-level", "info");
            int[] ports = {ServerProcess.freePort(), ServerProcess.freePort()};
            for (int i = 0; i < 2; i++) {
                servers.add(ServerProcess.server(dir.resolve("server-" + i), ports[i], args));
            }
            ApiClient client = ApiClient.connect(ClientConfig.empty()
                    .withServer(servers.get(0).url() + "," + servers.get(1).url()));
            await("a leader", () -> !holder(client).isEmpty());
            try (SimulatedNodes agents = SimulatedNodes.start(nodes, dir.resolve("nodes"), () -> ApiClient.connect(
                    ClientConfig.empty().withServer(servers.get(0).url() + "," + servers.get(1).url())),
                    List.of(BenchImages.V1), Map.of())) {
                out.printf("failover of 2 orc servers on one etcd, %d simulated nodes, a Deployment of %d made right after "
                        + "the stop%n", agents.size(), replicas);
                out.printf("%-8s %18s %22s %18s%n", "stop", "new leader (s)", "first reconcile (s)", "pods Ready (s)");
                for (Stop stop : Stop.values()) {
                    int index = leaderIndex(servers, holder(client));
                    Round round = round(client, servers.get(index), stop);
                    out.printf("%-8s %18.2f %22.2f %18.2f%n", stop, seconds(round.leader()), seconds(round.reconcile()),
                            seconds(round.ready()));
                    out.flush();
                    servers.set(index, ServerProcess.server(dir.resolve("server-" + index), ports[index], args));
                }
            }
        } finally {
            for (ServerProcess server : servers) {
                server.close();
            }
            LoopbackApi.deleteRecursively(dir);
        }
        return 0;
    }

    private record Round(Duration leader, Duration reconcile, Duration ready) {
    }

    private Round round(ApiClient client, ServerProcess leader, Stop stop) throws InterruptedException {
        String before = holder(client);
        String name = "after-" + stop.name().toLowerCase();
        long start = System.nanoTime();
        if (stop == Stop.SIGKILL) {
            leader.kill();
        } else {
            leader.terminate();
        }
        client.create(ResourceTypes.DEPLOYMENT, "default", deployment(name), WriteOptions.defaults());
        Duration newLeader = awaitSince(start, "a new leader", () -> {
            String now = holder(client);
            return !now.isEmpty() && !now.equals(before);
        });
        Duration reconcile = awaitSince(start, "the ReplicaSet of " + name, () -> !client.list(ResourceTypes.REPLICA_SET,
                "default", ListOptions.labelSelector("app=" + name)).path("items").isEmpty());
        Duration ready = awaitSince(start, replicas + " Ready pods of " + name, () -> client.get(ResourceTypes.DEPLOYMENT,
                "default", name).at("/status/readyReplicas").asInt() == replicas);
        leader.close();
        return new Round(newLeader, reconcile, ready);
    }

    /** Which server said it became the leader under {@code identity}. */
    private static int leaderIndex(List<ServerProcess> servers, String identity) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).alive() && servers.get(i).output().contains(identity + " became the leader")) {
                return i;
            }
        }
        throw new IllegalStateException("no running server says it leads as " + identity);
    }

    private static String holder(ApiClient client) {
        try {
            return client.find(ResourceTypes.LEASE, "kube-system", LEASE).map(lease -> lease.at("/spec/holderIdentity").asText())
                    .orElse("");
        } catch (RuntimeException unreachable) {
            return "";
        }
    }

    private ObjectNode deployment(String name) {
        return (ObjectNode) Json.tree(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", name, "namespace", "default"),
                "spec", Map.of("replicas", replicas, "selector", Map.of("matchLabels", Map.of("app", name)),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app", name)),
                                "spec", Map.of("containers", List.of(Map.of("name", "app", "image", BenchImages.V1,
                                        "command", COMMAND)))))));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        awaitSince(System.nanoTime(), what, condition);
    }

    /** Polls {@code condition} every 20 ms (bounded by {@link #WAIT}); returns the time from {@code start} to it holding. */
    private static Duration awaitSince(long start, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (RuntimeException notYet) {
                // a server gone or not yet answering: the next poll goes to the other
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + WAIT.toMinutes() + " minutes");
            }
            Thread.sleep(20);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
