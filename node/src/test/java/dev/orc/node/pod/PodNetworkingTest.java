package dev.orc.node.pod;

import dev.orc.api.model.EnvVar;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Service;
import dev.orc.node.runtime.ContainerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.orc.node.ServiceFixtures.clusterIP;
import static org.assertj.core.api.Assertions.assertThat;

/** What pods get of the cluster's networking, on the fake runtime: resolv.conf settings and service variables. */
class PodNetworkingTest {
    private final PodHarness h = new PodHarness();

    @AfterEach
    void closeHarness() {
        h.close();
    }
    private final List<Service> services = new CopyOnWriteArrayList<>(List.of(
            clusterIP("shop", "web", "10.96.0.10", 80, 8080),
            clusterIP("shop", "redis-leader", "10.96.0.11", 6379, 6379),
            clusterIP("blog", "web", "10.96.0.20", 80, 8080),
            clusterIP("default", "kubernetes", "10.96.0.1", 443, 6443)));

    PodNetworkingTest() {
        h.networking(new PodNetworking(Optional.of("172.17.0.1"), "cluster.local",
                namespace -> services.stream().filter(s -> namespace.equals(s.metadata().namespace())).toList()));
    }

    private ContainerSpec spec(Pod pod, String role) {
        return h.containers(pod.metadata().uid()).stream().filter(c -> role.equals(c.labels().get(PodLabels.ROLE)))
                .map(c -> h.runtime.spec(c.id())).findFirst().orElseThrow(() -> new AssertionError("no " + role + " container"));
    }

    private Pod run(Pod pod) {
        Pod stored = h.add(pod);
        h.settle(h.freshWorker(stored), stored.metadata().uid());
        return stored;
    }

    private static Pod withDnsPolicy(Pod pod, String policy) {
        PodSpec s = pod.spec();
        return pod.withSpec(new PodSpec(s.initContainers(), s.containers(), s.volumes(), s.restartPolicy(),
                s.terminationGracePeriodSeconds(), s.activeDeadlineSeconds(), policy, s.nodeSelector(),
                s.serviceAccountName(), s.nodeName(), s.hostNetwork(), s.hostname(), s.subdomain(), s.affinity(),
                s.tolerations(), s.imagePullSecrets(), s.schedulerName(), s.priorityClassName(), s.securityContext(),
                s.automountServiceAccountToken()));
    }

    @Test
    void infraContainerCarriesTheClusterDnsAndTheSearchDomainsOfThePodsNamespace() {
        Pod pod = run(Pods.pod("client").namespace("shop").node(PodHarness.NODE).container("app", "sleep 3600")
                .container("side", "sleep 3600").build());

        ContainerSpec infra = spec(pod, "infra");
        assertThat(infra.dnsServers()).containsExactly("172.17.0.1");
        assertThat(infra.dnsSearch()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
        assertThat(infra.dnsOptions()).containsExactly("ndots:5");
        assertThat(spec(pod, "app").dnsServers()).as("shared through the infra container's namespace").isEmpty();
    }

    @Test
    void onlyContainerOfAPodCarriesTheClusterDnsItself() {
        Pod pod = run(Pods.pod("client").namespace("shop").node(PodHarness.NODE).container("app", "sleep 3600").build());

        ContainerSpec app = spec(pod, "app");
        assertThat(h.containers(pod.metadata().uid())).hasSize(1);
        assertThat(app.dnsServers()).containsExactly("172.17.0.1");
        assertThat(app.dnsSearch()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
        assertThat(app.dnsOptions()).containsExactly("ndots:5");
    }

    @Test
    void dnsPolicyDefaultKeepsTheRuntimesResolvConf() {
        Pod shared = run(withDnsPolicy(Pods.pod("host-dns").namespace("shop").node(PodHarness.NODE)
                .container("app", "sleep 3600").container("side", "sleep 3600").build(), "Default"));
        Pod alone = run(withDnsPolicy(Pods.pod("host-dns-alone").namespace("shop").node(PodHarness.NODE)
                .container("app", "sleep 3600").build(), "Default"));

        for (ContainerSpec holder : List.of(spec(shared, "infra"), spec(alone, "app"))) {
            assertThat(holder.dnsServers()).isEmpty();
            assertThat(holder.dnsSearch()).isEmpty();
            assertThat(holder.dnsOptions()).isEmpty();
        }
    }

    @Test
    void containersGetTheVariablesOfTheServicesOfTheirNamespaceAndTheApiServersOwn() {
        Pod pod = run(Pods.pod("client").namespace("shop").node(PodHarness.NODE).container("app", "sleep 3600").build());

        Map<String, String> env = spec(pod, "app").env();
        assertThat(env).containsEntry("WEB_SERVICE_HOST", "10.96.0.10")
                .containsEntry("WEB_SERVICE_PORT", "80")
                .containsEntry("WEB_PORT", "tcp://10.96.0.10:80")
                .containsEntry("WEB_PORT_80_TCP_ADDR", "10.96.0.10")
                .containsEntry("REDIS_LEADER_SERVICE_HOST", "10.96.0.11")
                .containsEntry("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        assertThat(env.values()).doesNotContain("10.96.0.20");
    }

    @Test
    void containersOwnVariablesWinAndMayReferToServiceVariables() {
        Pod pod = run(Pods.pod("client").namespace("shop").node(PodHarness.NODE)
                .container(Pods.withEnv(Pods.shell("app", "sleep 3600"),
                        EnvVar.of("WEB_SERVICE_PORT", "8080"),
                        EnvVar.of("BACKEND", "http://$(WEB_SERVICE_HOST):$(WEB_SERVICE_PORT)")))
                .build());

        assertThat(spec(pod, "app").env()).containsEntry("WEB_SERVICE_PORT", "8080")
                .containsEntry("BACKEND", "http://10.96.0.10:8080");
    }

    @Test
    void aContainerSeesTheServicesThatExistWhenItStartsNotLaterOnes() {
        Pod pod = run(Pods.pod("client").namespace("shop").node(PodHarness.NODE).container("app", "sleep 3600").build());

        services.add(clusterIP("shop", "late", "10.96.0.12", 80, 8080));
        h.settle(h.freshWorker(pod), pod.metadata().uid());

        assertThat(spec(pod, "app").env()).doesNotContainKey("LATE_SERVICE_HOST");
    }
}
