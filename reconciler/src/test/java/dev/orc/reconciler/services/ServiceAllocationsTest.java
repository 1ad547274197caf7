package dev.orc.reconciler.services;

import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAllocationsTest {
    @TempDir
    Path dataDir;
    private Store store;
    private ServiceAllocations allocations;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir);
        allocations = new ServiceAllocations(store, ServiceCidr.parse("10.96.0.0/16"), PortRange.DEFAULT, new Random(1));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void clusterIPComesFromTheRangeAndIsRecordedInTheStore() {
        Service created = allocations.allocate(null, service("web", null, null));

        long ip = ServiceCidr.parseIp(created.spec().clusterIP()).orElseThrow();
        assertThat(ServiceCidr.parse("10.96.0.0/16").contains(ip)).isTrue();
        assertThat(created.spec().clusterIP()).isNotEqualTo("10.96.0.1");
        assertThat(created.spec().clusterIPs()).containsExactly(created.spec().clusterIP());
        assertThat(store.get(ServiceAllocations.CLUSTER_IPS + created.spec().clusterIP())).isPresent();
    }

    @Test
    void dynamicAllocationSkipsNetworkBroadcastAndTheReservedFirstAddressUntilFull() {
        ServiceAllocations tiny = new ServiceAllocations(store, ServiceCidr.parse("10.1.0.0/29"), PortRange.DEFAULT, new Random(3));
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ips.add(tiny.allocate(null, service("s" + i, null, null)).spec().clusterIP());
        }

        assertThat(ips).containsExactlyInAnyOrder("10.1.0.2", "10.1.0.3", "10.1.0.4", "10.1.0.5", "10.1.0.6");
        assertThatThrownBy(() -> tiny.allocate(null, service("s5", null, null)))
                .isInstanceOfSatisfying(AllocationException.class, e -> assertThat(e.reason()).isEqualTo(AllocationException.Reason.RANGE_FULL))
                .hasMessage("spec.clusterIP: Internal error: failed to allocate a serviceIP: range is full");
    }

    @Test
    void requestedClusterIPIsHonouredOnceAndThenRefusedClearly() {
        assertThat(allocations.allocate(null, service("dns", "10.96.0.10", null)).spec().clusterIP()).isEqualTo("10.96.0.10");

        assertThatThrownBy(() -> allocations.allocate(null, service("other", "10.96.0.10", null)))
                .isInstanceOfSatisfying(AllocationException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.clusterIP");
                    assertThat(e.reason()).isEqualTo(AllocationException.Reason.INVALID);
                })
                .hasMessage("spec.clusterIP: Invalid value: \"10.96.0.10\": provided IP is already allocated");
    }

    @Test
    void requestedClusterIPOutsideTheRangeOrNotAnAddressIsRefused() {
        assertThatThrownBy(() -> allocations.allocate(null, service("web", "10.0.0.5", null)))
                .hasMessage("spec.clusterIP: Invalid value: \"10.0.0.5\": provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/16");
        assertThatThrownBy(() -> allocations.allocate(null, service("web", "10.96.255.255", null)))
                .hasMessageContaining("not in the valid range");
        assertThatThrownBy(() -> allocations.allocate(null, service("web", "ten.96.0.5", null)))
                .hasMessageStartingWith("spec.clusterIP: Invalid value: \"ten.96.0.5\": must be a valid IP address");
    }

    @Test
    void headlessAndExternalNameServicesGetNoAddress() {
        Service headless = allocations.allocate(null, service("db", ServiceSpec.NONE, null));
        Service external = allocations.allocate(null, service("search", null, ServiceSpec.EXTERNAL_NAME));

        assertThat(headless.spec().clusterIP()).isEqualTo("None");
        assertThat(external.spec().clusterIP()).isNull();
        assertThat(store.list(ServiceAllocations.CLUSTER_IPS, dev.orc.reconciler.store.ListOptions.all()).items()).isEmpty();
    }

    @Test
    void headlessNodePortIsRefused() {
        assertThatThrownBy(() -> allocations.allocate(null, service("db", ServiceSpec.NONE, ServiceSpec.NODE_PORT)))
                .hasMessage("spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for LoadBalancer or NodePort services");
    }

    @Test
    void nodePortAndLoadBalancerServicesGetNodePortsInRange() {
        Service nodePort = allocations.allocate(null, service("web", null, ServiceSpec.NODE_PORT));
        Service balanced = allocations.allocate(null, service("shop", null, ServiceSpec.LOAD_BALANCER));

        assertThat(List.of(nodePort, balanced)).allSatisfy(s -> assertThat(s.spec().ports().get(0).nodePort()).isBetween(30000, 32767));
        assertThat(nodePort.spec().ports().get(0).nodePort()).isNotEqualTo(balanced.spec().ports().get(0).nodePort());
    }

    @Test
    void requestedNodePortIsHonouredOnceAndConflictsAreRefused() {
        assertThat(allocations.allocate(null, withNodePort(service("web", null, ServiceSpec.NODE_PORT), 30080))
                .spec().ports().get(0).nodePort()).isEqualTo(30080);

        assertThatThrownBy(() -> allocations.allocate(null, withNodePort(service("other", null, ServiceSpec.NODE_PORT), 30080)))
                .hasMessage("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
        assertThatThrownBy(() -> allocations.allocate(null, withNodePort(service("low", null, ServiceSpec.NODE_PORT), 8080)))
                .hasMessage("spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767");
        assertThatThrownBy(() -> allocations.allocate(null, withNodePort(service("plain", null, null), 30081)))
                .hasMessage("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    }

    @Test
    void aFailedAllocationLeavesNothingClaimed() {
        allocations.allocate(null, withNodePort(service("web", null, ServiceSpec.NODE_PORT), 30080));

        assertThatThrownBy(() -> allocations.allocate(null, withNodePort(service("other", "10.96.0.20", ServiceSpec.NODE_PORT), 30080)))
                .isInstanceOf(AllocationException.class);

        assertThat(allocations.allocate(null, service("third", "10.96.0.20", null)).spec().clusterIP()).isEqualTo("10.96.0.20");
    }

    @Test
    void releaseOnDeleteFreesAddressAndPorts() {
        Service web = allocations.allocate(null, withNodePort(service("web", "10.96.0.30", ServiceSpec.NODE_PORT), 30090));

        allocations.release(web);

        Service again = allocations.allocate(null, withNodePort(service("other", "10.96.0.30", ServiceSpec.NODE_PORT), 30090));
        assertThat(again.spec().clusterIP()).isEqualTo("10.96.0.30");
        assertThat(store.list("/registry/allocations/", dev.orc.reconciler.store.ListOptions.all()).items()).hasSize(2);
    }

    @Test
    void updateKeepsAllocationsTheNewVersionLeavesOut() {
        Service stored = allocations.allocate(null, service("web", null, ServiceSpec.NODE_PORT));

        Service updated = allocations.allocate(stored, service("web", null, ServiceSpec.NODE_PORT));

        assertThat(updated.spec().clusterIP()).isEqualTo(stored.spec().clusterIP());
        assertThat(updated.spec().ports().get(0).nodePort()).isEqualTo(stored.spec().ports().get(0).nodePort());
    }

    @Test
    void clusterIPCannotChangeOnUpdate() {
        Service stored = allocations.allocate(null, service("web", "10.96.0.40", null));

        assertThatThrownBy(() -> allocations.allocate(stored, service("web", "10.96.0.41", null)))
                .hasMessage("spec.clusterIP: Invalid value: \"10.96.0.41\": field is immutable");
    }

    @Test
    void turningNodePortIntoClusterIPReleasesTheNodePortOnceStored() {
        Service stored = allocations.allocate(null, withNodePort(service("web", null, ServiceSpec.NODE_PORT), 30100));

        Service plain = allocations.allocate(stored, asClusterIP(stored));
        assertThat(plain.spec().ports().get(0).nodePort()).isNull();
        assertThatThrownBy(() -> allocations.allocate(null, withNodePort(service("other", null, ServiceSpec.NODE_PORT), 30100)))
                .as("until the update is stored, the stored Service still holds the port").hasMessageContaining("already allocated");

        allocations.replaced(stored, plain);
        assertThat(allocations.allocate(null, withNodePort(service("other", null, ServiceSpec.NODE_PORT), 30100))
                .spec().ports().get(0).nodePort()).isEqualTo(30100);
    }

    @Test
    void turningIntoExternalNameReleasesTheClusterIP() {
        Service stored = allocations.allocate(null, service("web", "10.96.0.50", null));

        Service external = allocations.allocate(stored, service("web", null, ServiceSpec.EXTERNAL_NAME));
        allocations.replaced(stored, external);

        assertThat(external.spec().clusterIP()).isNull();
        assertThat(allocations.allocate(null, service("other", "10.96.0.50", null)).spec().clusterIP()).isEqualTo("10.96.0.50");
    }

    @Test
    void anUpdateThatIsNotStoredKeepsWhatTheStoredServiceHoldsAndGivesBackWhatItClaimed() {
        Service stored = allocations.allocate(null, withNodePort(service("web", null, ServiceSpec.NODE_PORT), 30100));
        allocations.reserve(stored, withNodePort(service("web", stored.spec().clusterIP(), ServiceSpec.NODE_PORT), 30200))
                .undo().run();

        assertThatThrownBy(() -> allocations.allocate(null, withNodePort(service("other", null, ServiceSpec.NODE_PORT), 30100)))
                .hasMessageContaining("already allocated");
        assertThat(allocations.allocate(null, withNodePort(service("other", null, ServiceSpec.NODE_PORT), 30200))
                .spec().ports().get(0).nodePort()).isEqualTo(30200);
        assertThat(store.get(ServiceAllocations.CLUSTER_IPS + stored.spec().clusterIP())).isPresent();
    }

    @Test
    void aCreateOfAServiceThatExistsGivesBackNothingTheLiveOneHoldsWhenItIsNotStored() {
        Service live = allocations.allocate(null, withNodePort(service("web", "10.96.0.60", ServiceSpec.NODE_PORT), 30160));

        ServiceAllocations.Reservation again = allocations.reserve(null,
                withNodePort(service("web", "10.96.0.60", ServiceSpec.NODE_PORT), 30160));
        again.undo().run();

        assertThat(again.service().spec().clusterIP()).isEqualTo(live.spec().clusterIP());
        assertThat(store.get(ServiceAllocations.CLUSTER_IPS + "10.96.0.60")).isPresent();
        assertThat(store.get(ServiceAllocations.NODE_PORTS + "30160")).isPresent();
        assertThatThrownBy(() -> allocations.allocate(null, service("other", "10.96.0.60", null)))
                .hasMessageContaining("already allocated");
    }

    @Test
    void twoAllocatorsSharingAStoreNeverHandOutTheSameAddress() throws Exception {
        ServiceCidr small = ServiceCidr.parse("10.2.0.0/24");
        ServiceAllocations first = new ServiceAllocations(store, small, PortRange.DEFAULT, new Random(7));
        ServiceAllocations second = new ServiceAllocations(store, small, PortRange.DEFAULT, new Random(7));
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        Thread one = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 100; i++) {
                a.add(first.allocate(null, service("a" + i, null, null)).spec().clusterIP());
            }
        });
        Thread two = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 100; i++) {
                b.add(second.allocate(null, service("b" + i, null, null)).spec().clusterIP());
            }
        });
        one.join(60_000);
        two.join(60_000);

        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        assertThat(all).hasSize(200).doesNotHaveDuplicates();
        assertThat(store.list(ServiceAllocations.CLUSTER_IPS, dev.orc.reconciler.store.ListOptions.all()).items()).hasSize(200);
    }

    @Test
    void releasingAClaimThatVanishesMeanwhileIsNoFailure() {
        Service web = allocations.allocate(null, service("web", null, null));
        String claim = ServiceAllocations.CLUSTER_IPS + web.spec().clusterIP();
        Store racing = (Store) java.lang.reflect.Proxy.newProxyInstance(Store.class.getClassLoader(),
                new Class<?>[] {Store.class}, (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("get") && claim.equals(args[0]) && answer instanceof java.util.Optional<?> found
                            && found.isPresent()) {
                        store.delete(claim, ((dev.orc.reconciler.store.KeyValue) found.get()).modRevision());
                    }
                    return answer;
                });
        ServiceAllocations releasing = new ServiceAllocations(racing, ServiceCidr.parse("10.96.0.0/16"), PortRange.DEFAULT,
                new Random(1));

        releasing.release(web);

        assertThat(store.get(claim)).isEmpty();
    }

    private static Service service(String name, String clusterIP, String type) {
        ServiceSpec spec = new ServiceSpec(type, Map.of("app", name),
                List.of(new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), null)),
                clusterIP, null, null, ServiceSpec.EXTERNAL_NAME.equals(type) ? "search.example.com" : null,
                null, null, null, null, null);
        return Service.of(ObjectMeta.of("default", name), spec);
    }

    private static Service withNodePort(Service service, int nodePort) {
        return service.withSpec(service.spec().withPorts(List.of(service.spec().ports().get(0).withNodePort(nodePort))));
    }

    private static Service asClusterIP(Service service) {
        return service.withSpec(new ServiceSpec(ServiceSpec.CLUSTER_IP, service.spec().selector(), service.spec().ports(),
                service.spec().clusterIP(), null, null, null, null, null, null, null, null));
    }
}
