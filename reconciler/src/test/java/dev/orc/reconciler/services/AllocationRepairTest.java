package dev.orc.reconciler.services;

import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationRepairTest {
    @TempDir
    Path dataDir;
    private Store store;
    private ServiceAllocations allocations;
    private AllocationRepair repair;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir);
        allocations = new ServiceAllocations(store, ServiceCidr.parse("10.96.0.0/16"), PortRange.DEFAULT, new Random(1));
        repair = new AllocationRepair(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aClaimLeftByACreateThatNeverStoredIsFreedOnTheSecondPassNotTheFirst() {
        Service claimedOnly = allocations.allocate(null, nodePortService("lost", "10.96.0.7", 30007));

        assertThat(repair.runOnce().freed()).isEmpty();
        assertThat(claimed()).containsExactlyInAnyOrder(ServiceAllocations.CLUSTER_IPS + "10.96.0.7",
                ServiceAllocations.NODE_PORTS + "30007");

        assertThat(repair.runOnce().freed()).containsExactlyInAnyOrder(
                ServiceAllocations.CLUSTER_IPS + "10.96.0.7 (default/lost)", ServiceAllocations.NODE_PORTS + "30007 (default/lost)");
        assertThat(claimed()).isEmpty();
        assertThat(allocations.allocate(null, nodePortService("next", "10.96.0.7", 30007)).spec().clusterIP())
                .isEqualTo(claimedOnly.spec().clusterIP());
    }

    @Test
    void aClaimWhoseServiceIsStoredBetweenThePassesIsKept() {
        Service inFlight = allocations.allocate(null, nodePortService("slow", "10.96.0.8", 30008));
        repair.runOnce();

        storeService(inFlight);
        AllocationRepair.Report second = repair.runOnce();

        assertThat(second.freed()).isEmpty();
        assertThat(claimed()).hasSize(2);
    }

    @Test
    void whatAnUpdateDroppedBeforeACrashIsFreedAndWhatTheServiceStillHoldsIsKept() {
        Service stored = allocations.allocate(null, nodePortService("web", "10.96.0.9", 30009));
        Service updated = allocations.allocate(stored, nodePortService("web", "10.96.0.9", 30010));
        storeService(updated);

        repair.runOnce();
        AllocationRepair.Report report = repair.runOnce();

        assertThat(report.freed()).containsExactly(ServiceAllocations.NODE_PORTS + "30009 (default/web)");
        assertThat(claimed()).containsExactlyInAnyOrder(ServiceAllocations.CLUSTER_IPS + "10.96.0.9",
                ServiceAllocations.NODE_PORTS + "30010");
    }

    @Test
    void aValueAStoredServiceHoldsWithoutAClaimIsClaimedForItAgain() {
        storeService(nodePortService("restored", "10.96.0.11", 30011));

        AllocationRepair.Report report = repair.runOnce();

        assertThat(report.reclaimed()).containsExactlyInAnyOrder(ServiceAllocations.CLUSTER_IPS + "10.96.0.11 (default/restored)",
                ServiceAllocations.NODE_PORTS + "30011 (default/restored)");
        assertThatThrownBy(() -> allocations.allocate(null, service("other", "10.96.0.11")))
                .hasMessageContaining("already allocated");
    }

    @Test
    void aValueClaimedByOneServiceAndHeldByAnotherIsReportedAndLeftAlone() {
        allocations.allocate(null, service("claimer", "10.96.0.12"));
        storeService(service("claimer", "10.96.0.12"));
        storeService(service("holder", "10.96.0.12"));

        AllocationRepair.Report report = repair.runOnce();

        assertThat(report.conflicts()).isNotEmpty().allMatch(c -> c.contains("10.96.0.12"));
        assertThat(report.freed()).isEmpty();
        assertThat(new String(store.get(ServiceAllocations.CLUSTER_IPS + "10.96.0.12").orElseThrow().value(),
                StandardCharsets.UTF_8)).isEqualTo("default/claimer");
    }

    private List<String> claimed() {
        return store.list("/registry/allocations/", dev.orc.reconciler.store.ListOptions.all()).items().stream()
                .map(dev.orc.reconciler.store.KeyValue::key).toList();
    }

    private void storeService(Service service) {
        store.create(ResourceTypes.SERVICE.storeKey(service.namespace(), service.name()), Json.bytes(service), 0);
    }

    private static Service service(String name, String clusterIP) {
        ServiceSpec spec = new ServiceSpec(null, Map.of("app", name),
                List.of(new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), null)),
                clusterIP, null, null, null, null, null, null, null, null);
        return Service.of(ObjectMeta.of("default", name), spec);
    }

    private static Service nodePortService(String name, String clusterIP, int nodePort) {
        ServiceSpec spec = new ServiceSpec(ServiceSpec.NODE_PORT, Map.of("app", name),
                List.of(new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), nodePort)),
                clusterIP, null, null, null, null, null, null, null, null);
        return Service.of(ObjectMeta.of("default", name), spec);
    }
}
