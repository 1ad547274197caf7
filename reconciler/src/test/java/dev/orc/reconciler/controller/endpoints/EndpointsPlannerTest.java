package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Endpoints.Address;
import dev.orc.api.model.Endpoints.Port;
import dev.orc.api.model.Endpoints.Subset;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.orc.reconciler.controller.endpoints.Fixtures.pod;
import static dev.orc.reconciler.controller.endpoints.Fixtures.port;
import static dev.orc.reconciler.controller.endpoints.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointsPlannerTest {
    private static final Map<String, String> WEB = Map.of("app", "web");
    private final Service byNumber = service("web", WEB, port("http", 80, IntOrString.of(8080)));
    private final Service byName = service("web", WEB, port("http", 80, IntOrString.of("http")));

    @Test
    void readyPodIsAnAddressAtItsNodeAndPublishedHostPort() {
        Pod pod = pod("web-1").on("n1", "10.0.0.1").port("http", 8080, 32001).build();

        assertThat(EndpointsPlanner.subsets(byNumber, List.of(pod))).containsExactly(new Subset(
                List.of(new Address("10.0.0.1", null, "n1", new dev.orc.api.model.ObjectReference(
                        null, "Pod", "default", "web-1", "uid-web-1", null, null))),
                List.of(), List.of(new Port("http", 32001, "TCP", null))));
    }

    @Test
    void aPodWhoseSubdomainIsTheServiceIsNamedByItsHostname() {
        Pod member = pod("web-0").port("http", 8080, 32001).identity("web-0", "web").build();
        Pod other = pod("web-1").on("n2", "10.0.0.2").port("http", 8080, 32001).identity("web-1", "db").build();

        List<Subset> subsets = EndpointsPlanner.subsets(byNumber, List.of(member, other));

        assertThat(subsets).flatExtracting(Subset::addresses).extracting(Address::hostname).containsExactly("web-0", null);
    }

    @Test
    void notReadyPodIsListedAsNotReady() {
        Subset subset = only(EndpointsPlanner.subsets(byNumber, List.of(pod("web-1").port("http", 8080, 32001).notReady().build())));

        assertThat(subset.addresses()).isEmpty();
        assertThat(ips(subset.notReadyAddresses())).containsExactly("10.0.0.1");
    }

    @Test
    void publishNotReadyAddressesCountsNotReadyPodsAsReady() {
        Service publishing = byNumber.withSpec(new ServiceSpec(null, WEB, byNumber.spec().ports(), null, null, null,
                null, null, null, null, true, null));

        Subset subset = only(EndpointsPlanner.subsets(publishing, List.of(pod("web-1").port("http", 8080, 32001).notReady().build())));

        assertThat(ips(subset.addresses())).containsExactly("10.0.0.1");
    }

    @Test
    void namedTargetPortResolvesPerPod() {
        Pod a = pod("web-1").on("n1", "10.0.0.1").port("http", 8080, 32001).build();
        Pod b = pod("web-2").on("n2", "10.0.0.2").port("http", 9090, 32002).build();

        List<Subset> subsets = EndpointsPlanner.subsets(byName, List.of(b, a));

        assertThat(subsets).extracting(s -> ips(s.addresses()).get(0) + ":" + s.ports().get(0).port())
                .containsExactly("10.0.0.1:32001", "10.0.0.2:32002");
    }

    @Test
    void podsSharingHostPortsShareASubset() {
        Pod a = pod("web-1").on("n1", "10.0.0.1").port("http", 8080, 32001).build();
        Pod b = pod("web-2").on("n2", "10.0.0.2").port("http", 8080, 32001).notReady().build();

        Subset subset = only(EndpointsPlanner.subsets(byNumber, List.of(b, a)));

        assertThat(ips(subset.addresses())).containsExactly("10.0.0.1");
        assertThat(ips(subset.notReadyAddresses())).containsExactly("10.0.0.2");
    }

    @Test
    void podWithoutTheTargetPortIsLeftOut() {
        Pod other = pod("web-1").port("admin", 9000, 32005).build();

        assertThat(EndpointsPlanner.subsets(byName, List.of(other))).isEmpty();
        assertThat(EndpointsPlanner.subsets(byNumber, List.of(other))).isEmpty();
    }

    @Test
    void terminatingFinishedUnplacedAndUnselectedPodsAreLeftOut() {
        List<Pod> pods = List.of(
                pod("deleting").port("http", 8080, 32001).deleting().build(),
                pod("done").port("http", 8080, 32002).phase(PodStatus.SUCCEEDED).build(),
                pod("failed").port("http", 8080, 32003).phase(PodStatus.FAILED).build(),
                pod("pending").port("http", 8080, 32004).on(null, null).build(),
                pod("db").labels(Map.of("app", "db")).port("http", 8080, 32005).build());

        assertThat(EndpointsPlanner.subsets(byNumber, pods)).isEmpty();
    }

    @Test
    void podMovedToAnotherNodeChangesItsAddress() {
        Endpoints before = created(byNumber, List.of(pod("web-1").on("n1", "10.0.0.1").port("http", 8080, 32001).build()));
        Pod moved = pod("web-1").on("n2", "10.0.0.2").port("http", 8080, 32009).build();

        Optional<EndpointsAction> action = EndpointsPlanner.plan("default", "web", Optional.of(byNumber), List.of(moved), Optional.of(before));

        assertThat(action).get().isInstanceOfSatisfying(EndpointsAction.Update.class, update -> {
            assertThat(update.endpoints().metadata().resourceVersion()).isEqualTo("7");
            Subset subset = only(update.endpoints().subsets());
            assertThat(subset.addresses().get(0).nodeName()).isEqualTo("n2");
            assertThat(subset.addresses().get(0).ip()).isEqualTo("10.0.0.2");
            assertThat(subset.ports().get(0).port()).isEqualTo(32009);
        });
    }

    @Test
    void readinessChangeUpdates() {
        Pod ready = pod("web-1").port("http", 8080, 32001).build();
        Endpoints before = created(byNumber, List.of(ready));
        Pod notReady = pod("web-1").port("http", 8080, 32001).notReady().build();

        Optional<EndpointsAction> action = EndpointsPlanner.plan("default", "web", Optional.of(byNumber), List.of(notReady), Optional.of(before));

        assertThat(action).get().isInstanceOfSatisfying(EndpointsAction.Update.class,
                update -> assertThat(ips(only(update.endpoints().subsets()).notReadyAddresses())).containsExactly("10.0.0.1"));
    }

    @Test
    void steadyStateWritesNothing() {
        List<Pod> pods = List.of(
                pod("web-1").on("n1", "10.0.0.1").port("http", 8080, 32001).build(),
                pod("web-2").on("n2", "10.0.0.2").port("http", 8080, 32001).notReady().build(),
                pod("web-3").on("n1", "10.0.0.1").port("http", 8080, 32002).build());
        Endpoints current = created(byName, pods);

        assertThat(EndpointsPlanner.plan("default", "web", Optional.of(byName), List.of(pods.get(2), pods.get(0), pods.get(1)),
                Optional.of(current))).isEmpty();
    }

    @Test
    void newServiceGetsEndpointsEvenWithoutPods() {
        Optional<EndpointsAction> action = EndpointsPlanner.plan("default", "web", Optional.of(byNumber), List.of(), Optional.empty());

        assertThat(action).get().isInstanceOfSatisfying(EndpointsAction.Create.class, create -> {
            assertThat(create.endpoints().metadata().name()).isEqualTo("web");
            assertThat(create.endpoints().metadata().namespace()).isEqualTo("default");
            assertThat(create.endpoints().subsets()).isEmpty();
        });
    }

    @Test
    void deletedServiceDeletesItsEndpoints() {
        Endpoints current = created(byNumber, List.of());

        assertThat(EndpointsPlanner.plan("default", "web", Optional.empty(), List.of(), Optional.of(current)))
                .contains(new EndpointsAction.Delete("default", "web"));
        assertThat(EndpointsPlanner.plan("default", "web", Optional.empty(), List.of(), Optional.empty())).isEmpty();
    }

    @Test
    void endpointsOfServicesWithoutSelectorBelongToTheUser() {
        Service manual = service("ext", Map.of(), port("http", 80, IntOrString.of(80)));
        Endpoints userManaged = Endpoints.of(ObjectMeta.of("default", "ext"), List.of(new Subset(
                List.of(new Address("192.0.2.1", null, null, null)), List.of(), List.of(new Port("http", 80, "TCP", null)))));

        assertThat(EndpointsPlanner.plan("default", "ext", Optional.of(manual), List.of(pod("web-1").port("http", 80, 32001).build()),
                Optional.of(userManaged))).isEmpty();
        assertThat(EndpointsPlanner.plan("default", "ext", Optional.of(manual), List.of(), Optional.empty())).isEmpty();
    }

    @Test
    void headlessServiceEndpointsCarryTheHeadlessLabel() {
        Service headless = byNumber.withSpec(byNumber.spec().withClusterIP(ServiceSpec.NONE));

        Optional<EndpointsAction> action = EndpointsPlanner.plan("default", "web", Optional.of(headless), List.of(), Optional.empty());

        assertThat(action).get().isInstanceOfSatisfying(EndpointsAction.Create.class,
                create -> assertThat(create.endpoints().metadata().labels()).containsEntry(EndpointsPlanner.HEADLESS_LABEL, ""));
    }

    @Test
    void explicitHostPortIsUsedWithoutTheAnnotation() {
        Pod pod = pod("web-1").build();
        pod = pod.withSpec(pod.spec().withContainers(List.of(dev.orc.api.model.Container.of("app", "orc/web:1").withPorts(
                List.of(new dev.orc.api.model.ContainerPort("http", 8080, 18080, null, "TCP"))))));
        pod = pod.withMetadata(pod.metadata().withAnnotations(Map.of()));

        assertThat(only(EndpointsPlanner.subsets(byName, List.of(pod))).ports()).extracting(Port::port).containsExactly(18080);
    }

    private static Endpoints created(Service service, List<Pod> pods) {
        EndpointsAction action = EndpointsPlanner.plan("default", service.name(), Optional.of(service), pods, Optional.empty()).orElseThrow();
        Endpoints endpoints = ((EndpointsAction.Create) action).endpoints();
        return endpoints.withMetadata(endpoints.metadata().withResourceVersion("7"));
    }

    private static Subset only(List<Subset> subsets) {
        assertThat(subsets).hasSize(1);
        return subsets.get(0);
    }

    private static List<String> ips(List<Address> addresses) {
        return addresses.stream().map(Address::ip).toList();
    }
}
