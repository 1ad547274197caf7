package dev.orc.reconciler.leader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.GitOpsImpersonation;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import dev.orc.reconciler.gitops.GitOpsPolicy;
import dev.orc.reconciler.manager.ControllerManager;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.etcd.EtcdConfig;
import dev.orc.reconciler.store.etcd.EtcdStore;
import dev.orc.reconciler.store.etcd.EtcdFixture;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two API servers with their controller managers on one real etcd (its own, so no other test's objects are
 * reconciled): exactly one leads, another takes over when the leader's lease ends, and a leader whose lease is gone
 * cannot write any more.
 */
class LeaderElectionOnEtcdTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ElectionTiming TIMING = ElectionTiming.defaults();

    @TempDir
    static Path dir;
    private static LocalEtcd etcd;

    private final List<Server> servers = new ArrayList<>();
    private final String namespace = "default";

    @BeforeAll
    static void startEtcd() {
        EtcdFixture.requireEtcd("the leader election tests");
        etcd = LocalEtcd.start(dir.resolve("etcd"));
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @AfterEach
    void stopServers() {
        servers.forEach(Server::close);
    }

    @Test
    void twoServersOnOneEtcdRunTheControllersInExactlyOne() {
        Server a = server("a");
        Server b = server("b");

        await().atMost(WAIT).until(() -> a.leadership.running() || b.leadership.running());
        Server leader = a.leadership.running() ? a : b;
        Server follower = leader == a ? b : a;
        assertThat(follower.leadership.running()).isFalse();
        assertThat(follower.leadership.term()).isEmpty();

        follower.client.create(ResourceTypes.REPLICA_SET, namespace, replicaSet("web", 3), WriteOptions.defaults());

        await().atMost(WAIT).until(() -> pods(follower) == 3);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> pods(follower) == 3);
        ObjectNode lease = follower.client.get(ResourceTypes.LEASE, LeaseRecorder.NAMESPACE, Leadership.NAME);
        assertThat(lease.at("/spec/holderIdentity").asText()).isEqualTo(leader.identity);
        assertThat(lease.at("/spec/leaseDurationSeconds").asInt()).isEqualTo(4);
    }

    /** The control for the test above: without the election, both servers' controllers act and make duplicates. */
    @Test
    void twoServersWithoutTheElectionBothRunTheControllersAndMakeDuplicatePods() throws Exception {
        List<ControllerManager> unelected = new ArrayList<>();
        try {
            for (String name : List.of("a", "b")) {
                Server server = server(name);
                server.leadership.close();
                ControllerManager controllers = new ControllerManager(server.client, dir.resolve("unelected-" + name),
                        Clock.systemUTC(), NodeLifecycleConfig.defaults(),
                        GitOpsPolicy.standard(), new GitOpsImpersonation(null));
                controllers.start();
                unelected.add(controllers);
            }
            Server any = servers.getFirst();

            any.client.create(ResourceTypes.REPLICA_SET, namespace, replicaSet("twice", 3), WriteOptions.defaults());

            await().atMost(WAIT).until(() -> any.client.list(ResourceTypes.POD, namespace,
                    ListOptions.labelSelector("app=twice")).path("items").size() > 3);
        } finally {
            unelected.forEach(ControllerManager::close);
        }
    }

    @Test
    void whenTheLeadersStoreGoesAwayTheOtherTakesOverOnceTheLeaseExpiresAndTheLeaseShowsTheHandover() {
        Server a = server("a");
        await().atMost(WAIT).until(a.leadership::running);
        Server b = server("b");
        await().atMost(WAIT).until(() -> leaseHolder(b).equals(a.identity));
        int transitions = b.client.get(ResourceTypes.LEASE, LeaseRecorder.NAMESPACE, Leadership.NAME)
                .at("/spec/leaseTransitions").asInt();

        a.store.close();

        await().atMost(WAIT).until(b.leadership::running);
        await().atMost(WAIT).until(() -> !a.leadership.running());
        await().atMost(WAIT).untilAsserted(() -> {
            ObjectNode lease = b.client.get(ResourceTypes.LEASE, LeaseRecorder.NAMESPACE, Leadership.NAME);
            assertThat(lease.at("/spec/holderIdentity").asText()).isEqualTo(b.identity);
            assertThat(lease.at("/spec/leaseTransitions").asInt()).isEqualTo(transitions + 1);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(b.client.list(ResourceTypes.EVENT, LeaseRecorder.NAMESPACE,
                ListOptions.fieldSelector("reason=LeaderElection")).path("items").findValuesAsText("message"))
                .anyMatch(m -> m.startsWith(a.identity + " became leader"))
                .anyMatch(m -> m.startsWith(b.identity + " became leader")));
    }

    @Test
    void aResigningLeaderHandsOverWithoutWaitingForItsLeaseToExpire() {
        Server a = server("a");
        await().atMost(WAIT).until(a.leadership::running);
        Server b = server("b");
        await().atMost(WAIT).until(() -> leaseHolder(b).equals(a.identity));
        long lease = a.leadership.term().orElseThrow().lease();

        a.leadership.close();

        assertThat(a.leadership.running()).isFalse();
        assertThatThrownBy(() -> b.store.keepAlive(lease)).isInstanceOf(dev.orc.reconciler.store.LeaseNotFoundException.class);
        await().atMost(WAIT).until(b.leadership::running);
    }

    @Test
    void aFollowerTakesUpAResignationAtOnceNotAtItsNextRetry() {
        ElectionTiming slowRetries = new ElectionTiming(Duration.ofSeconds(4), Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofMinutes(5));
        Server a = server("a", slowRetries);
        await().atMost(WAIT).until(a.leadership::running);
        Server b = server("b", slowRetries);
        await().atMost(WAIT).until(() -> leaseHolder(b).equals(a.identity));

        a.leadership.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> b.leadership.term().isPresent());
    }

    @Test
    void aPausedLeaderWhoseLeaseIsGoneCannotWriteAfterItsSuccessorStarts() {
        Server a = server("a");
        await().atMost(WAIT).until(a.leadership::running);
        Term paused = a.leadership.term().orElseThrow();
        ApiClient pausedClient = ApiClient.over(new FencedTransport(a.local, paused.fence()));
        pausedClient.create(ResourceTypes.CONFIG_MAP, namespace, configMap("before"), WriteOptions.defaults());
        Server b = server("b");

        b.store.revokeLease(paused.lease());
        await().atMost(WAIT).until(b.leadership::running);

        assertThatThrownBy(() -> pausedClient.create(ResourceTypes.CONFIG_MAP, namespace, configMap("after"),
                WriteOptions.defaults())).isInstanceOf(ApiException.class).hasMessageContaining("no longer the leader");
        Term successor = b.leadership.term().orElseThrow();
        assertThat(successor.epoch()).isGreaterThan(paused.epoch());
        ApiClient successorClient = ApiClient.over(new FencedTransport(b.local, successor.fence()));
        successorClient.create(ResourceTypes.CONFIG_MAP, namespace, configMap("by-successor"), WriteOptions.defaults());
        assertThatThrownBy(() -> b.client.get(ResourceTypes.CONFIG_MAP, namespace, "after"))
                .isInstanceOf(ApiException.class).matches(e -> ((ApiException) e).isNotFound());
    }

    private Server server(String name) {
        return server(name, TIMING);
    }

    private Server server(String name, ElectionTiming timing) {
        EtcdStore store = EtcdStore.open(EtcdConfig.of(List.of(etcd.endpoint())));
        ApiServer api = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
        ApiTransport local = api.localTransport(ApiTransport.http(new ClientConfig(api.url(), null, null, "default"),
                ApiClient.DEFAULT_REQUEST_TIMEOUT));
        String identity = name + "_" + UUID.randomUUID().toString().substring(0, 8);
        Path data = dir.resolve(identity);
        Leadership leadership = Leadership.start(store, timing, identity,
                term -> ApiClient.over(new FencedTransport(local, term.fence())),
                fenced -> {
                    ControllerManager controllers = new ControllerManager(fenced, data, Clock.systemUTC(),
                            NodeLifecycleConfig.defaults(),
                        GitOpsPolicy.standard(), new GitOpsImpersonation(null));
                    controllers.start();
                    return controllers;
                }, Clock.systemUTC());
        Server server = new Server(identity, store, api, local, ApiClient.over(local), leadership);
        servers.add(server);
        return server;
    }

    private int pods(Server server) {
        return server.client.list(ResourceTypes.POD, namespace, ListOptions.labelSelector("app=web")).path("items").size();
    }

    private static String leaseHolder(Server server) {
        try {
            return server.client.get(ResourceTypes.LEASE, LeaseRecorder.NAMESPACE, Leadership.NAME)
                    .at("/spec/holderIdentity").asText();
        } catch (ApiException e) {
            return "";
        }
    }

    private static ObjectNode configMap(String name) {
        ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", name);
        return object;
    }

    private static ObjectNode replicaSet(String name, int replicas) {
        ObjectNode rs = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        rs.putObject("metadata").put("name", name);
        ObjectNode spec = rs.putObject("spec").put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", name);
        template.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "busybox");
        return rs;
    }

    private record Server(String identity, Store store, ApiServer api, ApiTransport local, ApiClient client,
                          Leadership leadership) {
        void close() {
            leadership.close();
            api.close();
            store.close();
        }
    }
}
