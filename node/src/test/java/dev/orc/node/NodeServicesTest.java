package dev.orc.node;

import dev.orc.node.dns.DnsClient;
import dev.orc.node.dns.StubUpstream;
import dev.orc.node.pod.PodNetworking;
import dev.orc.node.proxy.AddressBinder;
import dev.orc.node.runtime.fake.FakeRuntime;
import dev.orc.reconciler.services.ServiceCidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.orc.node.ServiceFixtures.clusterIP;
import static dev.orc.node.ServiceFixtures.endpoints;
import static dev.orc.node.dns.DnsClient.addresses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node's service side on the real API server in-process, whose cluster IPs come from 127.0.0.0/24 here: loopback
 * already answers them.
 */
class NodeServicesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final RegistryNodeApi api = new RegistryNodeApi(Clock.systemUTC(), ServiceCidr.parse("127.0.0.0/24"));
    private final FakeRuntime runtime = new FakeRuntime(Clock.systemUTC());
    private final RecordingBinder binder = new RecordingBinder();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        api.close();
    }

    /**
     * Waits until a watch of its own has seen Service {@code name}: the node's services, had they still been watching,
     * would have been told of it too.
     */
    private void awaitServiceSeen(String name) throws Exception {
        ClusterServices other = new ClusterServices(snapshot -> { });
        try (AutoCloseable watch = api.watchServices(other.serviceHandler())) {
            await().atMost(WAIT).until(() -> other.snapshot().services().stream().anyMatch(s -> s.name().equals(name)));
        }
    }

    private NodeServices start(NodeNetworkConfig config) {
        NodeServices services = NodeServices.start(config, api, runtime, "127.0.0.1", binder);
        cleanup.add(0, services);
        return services;
    }

    @Test
    void serviceAddressIsBoundWhileTheServiceExistsAndRemovedWhenItGoes() {
        NodeServices services = start(new NodeNetworkConfig(true, false, Optional.empty(), List.of(), "cluster.local"));

        api.putService(clusterIP("shop", "web", "127.0.0.61", 18061, 8080));
        api.putEndpoints(endpoints("shop", "web", 31000, "127.0.0.1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(binder.bound).containsExactly("127.0.0.61"));
        assertThat(services.snapshot().services()).hasSize(1);

        api.removeService("shop", "web");
        await().atMost(WAIT).untilAsserted(() -> assertThat(binder.bound).isEmpty());
        assertThat(binder.unbound).containsExactly("127.0.0.61");
    }

    @Test
    void closingRemovesEveryServiceAddress() throws Exception {
        NodeServices services = start(new NodeNetworkConfig(true, false, Optional.empty(), List.of(), "cluster.local"));
        api.putService(clusterIP("shop", "web", "127.0.0.62", 18062, 8080));
        api.putService(clusterIP("shop", "db", "127.0.0.63", 18063, 5432));
        await().atMost(WAIT).untilAsserted(() -> assertThat(binder.bound).containsExactlyInAnyOrder("127.0.0.62", "127.0.0.63"));

        services.close();

        assertThat(binder.bound).isEmpty();
        assertThat(binder.closed).isTrue();
        api.putService(clusterIP("shop", "late", "127.0.0.64", 18064, 8080));
        awaitServiceSeen("late");
        assertThat(binder.bound).as("a closed node serves nothing new").isEmpty();
    }

    @Test
    void existingServicesAreServedFromTheStart() {
        api.putService(clusterIP("shop", "web", "127.0.0.65", 18065, 8080));
        api.putEndpoints(endpoints("shop", "web", 31000, "127.0.0.1"));

        start(new NodeNetworkConfig(true, false, Optional.empty(), List.of(), "cluster.local"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(binder.bound).containsExactly("127.0.0.65"));
    }

    @Test
    void dnsAnswersServiceNamesAndPodsArePointedAtIt() throws Exception {
        StubUpstream upstream = new StubUpstream();
        cleanup.add(upstream);
        NodeServices services = start(new NodeNetworkConfig(false, true, Optional.empty(), List.of(), "cluster.local")
                .withDns(new InetSocketAddress("127.0.0.1", 0), List.of(upstream.address())));

        api.putService(clusterIP("shop", "web", "127.0.0.67", 80, 8080));

        InetSocketAddress dns = services.dnsAddress().orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                addresses(DnsClient.ask(dns, "web.shop.svc.cluster.local", Type.A).getSection(Section.ANSWER)))
                .containsExactly("127.0.0.67"));
        assertThat(addresses(DnsClient.ask(dns, "example.com", Type.A).getSection(Section.ANSWER)))
                .containsExactly(StubUpstream.ADDRESS);
        PodNetworking pods = services.podNetworking();
        assertThat(pods.dnsServer()).contains("127.0.0.1");
        assertThat(pods.searches("shop")).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
        assertThat(pods.services().inNamespace("shop")).hasSize(1);
        assertThat(binder.bound).as("127.0.0.1 is already local").isEmpty();
    }

    @Test
    void dnsGoesOnPort53OfTheRuntimesGatewayByDefault() throws Exception {
        String gateway = "127.0.53." + java.util.concurrent.ThreadLocalRandom.current().nextInt(2, 250);
        runtime.gateway(gateway);
        StubUpstream upstream = new StubUpstream();
        cleanup.add(upstream);

        NodeServices services = start(new NodeNetworkConfig(false, true, Optional.empty(), List.of(upstream.address()),
                "cluster.local"));

        assertThat(services.dnsAddress()).contains(new InetSocketAddress(gateway, 53));
        assertThat(services.podNetworking().dnsServer()).contains(gateway);
    }

    @Test
    void dnsThatCannotListenIsOffAndLeavesNoAddressBehind() {
        NodeServices services = start(new NodeNetworkConfig(false, true, Optional.empty(), List.of(), "cluster.local")
                .withDns(new InetSocketAddress("192.0.2.53", 53), List.of()));

        assertThat(services.dnsAddress()).isEmpty();
        assertThat(services.podNetworking().dnsServer()).isEmpty();
        assertThat(binder.unbound).as("added for the server, removed when it could not listen").containsExactly("192.0.2.53");
        assertThat(binder.bound).isEmpty();
    }

    @Test
    void withProxyAndDnsOffPodsGetNothingAndNothingIsWatched() throws Exception {
        NodeServices services = start(NodeNetworkConfig.OFF);
        api.putService(clusterIP("shop", "web", "127.0.0.66", 18066, 8080));
        awaitServiceSeen("web");

        assertThat(services.podNetworking()).isEqualTo(PodNetworking.NONE);
        assertThat(binder.bound).isEmpty();
    }

    /** Remembers what is bound; binds everything (127.0.0.0/8 is local already). */
    private static final class RecordingBinder implements AddressBinder {
        final Set<String> bound = ConcurrentHashMap.newKeySet();
        final List<String> unbound = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public boolean bind(String ip) {
            bound.add(ip);
            return true;
        }

        @Override
        public void unbind(String ip) {
            if (bound.remove(ip)) {
                unbound.add(ip);
            }
        }

        @Override
        public void close() {
            List.copyOf(bound).forEach(this::unbind);
            closed = true;
        }
    }
}
