package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.registry.Selection;
import dev.orc.reconciler.services.ServiceCidr;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API servers as the {@code default/kubernetes} Service: on the range's first address, port 443, its Endpoints
 * every server's advertised address until that server stops; the serving certificate names the Service.
 */
class KubernetesServiceTest {
    @TempDir
    Path dir;

    @Test
    void everyServerListsItselfUntilItStops() throws Exception {
        try (Store store = SqliteStore.open(dir.resolve("store"))) {
            ApiServer first = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
            ApiServer second = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
            assertThat(first.registry().list(ResourceTypes.SERVICE, "default", Selection.everything(), 0, null)
                    .path("items")).isEmpty();
            first.serveAsKubernetesService(Optional.of("192.0.2.10"));
            second.serveAsKubernetesService(Optional.of("192.0.2.11"));
            second.serveAsKubernetesService(Optional.of("192.0.2.11"));

            JsonNode service = first.registry().get(ResourceTypes.SERVICE, "default", "kubernetes");
            assertThat(service.at("/spec/clusterIP").asText()).isEqualTo(ServiceCidr.DEFAULT.reserved());
            assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(443);
            assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo("https");
            assertThat(service.at("/spec/selector").isMissingNode()).isTrue();
            assertThat(store.get("/registry/allocations/clusterips/" + ServiceCidr.DEFAULT.reserved()))
                    .as("the Service's address stays claimed when a second server finds the Service made")
                    .hasValueSatisfying(claim -> assertThat(new String(claim.value(), StandardCharsets.UTF_8))
                            .isEqualTo("default/kubernetes"));
            assertThat(addresses(first)).containsExactlyInAnyOrder("192.0.2.10:" + first.port(),
                    "192.0.2.11:" + second.port());

            second.close();
            assertThat(addresses(first)).containsExactly("192.0.2.10:" + first.port());
            first.close();
        }
    }

    @Test
    void aServerThatDiedWithoutWithdrawingLeavesTheEndpointsWhenItsLeaseRunsOut() throws Exception {
        try (Store store = SqliteStore.open(dir.resolve("store"))) {
            ApiServer live = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
            try {
                store.create(ServerEndpointLease.PREFIX + "192.0.2.20:6443",
                        "192.0.2.20:6443".getBytes(StandardCharsets.UTF_8), store.grantLease(Duration.ofSeconds(5)));
                live.serveAsKubernetesService(Optional.of("192.0.2.21"),
                        new ServerEndpointLease.Timing(Duration.ofSeconds(2), Duration.ofMillis(100)));
                assertThat(addresses(live)).as("the dead server, whose lease has not run out yet")
                        .containsExactlyInAnyOrder("192.0.2.20:6443", "192.0.2.21:" + live.port());

                await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                        assertThat(addresses(live)).containsExactly("192.0.2.21:" + live.port()));
            } finally {
                live.close();
            }
            assertThat(live.registry().get(ResourceTypes.ENDPOINTS, "default", "kubernetes").has("subsets")).isFalse();
        }
    }

    @Test
    void aServingCertificateWithoutTheServiceIsIssuedAgain() throws Exception {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");
        ServerFiles old = ServerFiles.prepare(dir, List.of("localhost", "127.0.0.1", "::1"), now);
        ServerFiles again = ServerFiles.prepare(dir, List.of("localhost", "127.0.0.1", "::1"), now);
        assertThat(Files.readString(again.serverCertificate())).isEqualTo(Files.readString(old.serverCertificate()));

        List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        hosts.addAll(KubernetesService.certificateHosts(ServiceCidr.DEFAULT));
        ServerFiles renewed = ServerFiles.prepare(dir, hosts, now);

        X509Certificate certificate = TlsIdentity.readCertificates(renewed.serverCertificate()).getFirst();
        assertThat(certificate.getSubjectAlternativeNames()).extracting(name -> String.valueOf(name.get(1)))
                .contains("kubernetes.default.svc", ServiceCidr.DEFAULT.reserved());
    }

    private static List<String> addresses(ApiServer server) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode subset : server.registry().get(ResourceTypes.ENDPOINTS, "default", "kubernetes").path("subsets")) {
            for (JsonNode address : subset.path("addresses")) {
                addresses.add(address.path("ip").asText() + ":" + subset.at("/ports/0/port").asInt());
            }
        }
        return addresses;
    }
}
