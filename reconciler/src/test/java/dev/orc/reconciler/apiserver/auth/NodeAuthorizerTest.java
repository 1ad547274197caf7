package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.auth.IssuedToken;
import dev.orc.api.ingress.TlsBinding;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Node credentials against a real server with RBAC (security findings H1, H2): a token issued for node n1 registers
 * and heartbeats n1 only, sees only the pods bound to n1 and the Secrets, ConfigMaps and claims they use, writes only
 * their status, and is refused everything else, above all what belongs to another node's pods; issued tokens count
 * at once, and stop at once when revoked or expired.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeAuthorizerTest {
    private Store store;
    private ApiServer server;
    private ApiClient admin;
    private String n1Token;
    private ApiClient n1;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("orc-node-authz");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "admin-token,admin,admin,\"system:masters\"\n");
        store = SqliteStore.open(dir.resolve("store"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(TokenAuthenticator.fromFile(tokens)).withRbac());
        admin = client("admin-token");
        n1Token = issue(IssuedToken::forNode, "n1", Optional.empty());
        n1 = client(n1Token);
        admin.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace("a"), WriteOptions.defaults());
        for (String name : List.of("s1", "s2", "unused")) {
            admin.create(ResourceTypes.SECRET, "a", secret(name), WriteOptions.defaults());
        }
        admin.create(ResourceTypes.CONFIG_MAP, "a", Fixtures.configMap("c1", "1"), WriteOptions.defaults());
        admin.create(ResourceTypes.POD, "a", podOn("p1", "n1", "s1", "c1"), WriteOptions.defaults());
        admin.create(ResourceTypes.POD, "a", podOn("p2", "n2", "s2", "c1"), WriteOptions.defaults());
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void aNodeRegistersAndHeartbeatsItselfOnlyAndCannotTakeOverAnotherNode() {
        n1.create(ResourceTypes.NODE, null, node("n1"), WriteOptions.defaults());
        n1.patchStatus(ResourceTypes.NODE, null, "n1", PatchType.MERGE, Json.parse("{\"status\":{\"phase\":\"Running\"}}"));
        n1.create(ResourceTypes.LEASE, "kube-node-lease", lease("n1"), WriteOptions.defaults());
        n1.patch(ResourceTypes.LEASE, "kube-node-lease", "n1", PatchType.MERGE,
                Json.parse("{\"spec\":{\"renewTime\":\"2026-12-06T10:00:00.000000Z\"}}"), WriteOptions.defaults());

        assertThat(forbidden(() -> n1.create(ResourceTypes.NODE, null, node("n2"), WriteOptions.defaults())))
                .contains("node \"n1\" may only write its own Node, not \"n2\"");
        admin.create(ResourceTypes.NODE, null, node("n3"), WriteOptions.defaults());
        assertThat(forbidden(() -> n1.patch(ResourceTypes.NODE, null, "n3", PatchType.MERGE,
                Json.parse("{\"metadata\":{\"labels\":{\"x\":\"y\"}}}"), WriteOptions.defaults())))
                .contains("User \"system:node:n1\" cannot patch resource \"nodes\"");
        assertThat(forbidden(() -> n1.create(ResourceTypes.LEASE, "kube-node-lease", lease("n3"),
                WriteOptions.defaults()))).contains("may only write its own Lease");
        assertThat(forbidden(() -> n1.delete(ResourceTypes.NODE, null, "n3", DeleteOptions.defaults())))
                .contains("cannot delete resource \"nodes\"");
    }

    @Test
    void aNodeGetsAServingCertificateForItselfOnly() throws Exception {
        KeyPair keys = CertificateRequests.keys();

        assertThat(n1.nodeServingCertificate("n1", CertificateRequests.pem("system:node:n1", keys)))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(forbidden(() -> n1.nodeServingCertificate("n2", uncheckedPem("system:node:n2", keys))))
                .contains("User \"system:node:n1\" cannot create resource \"nodes/servingcertificate\"");
    }

    private static String uncheckedPem(String subject, KeyPair keys) {
        try {
            return CertificateRequests.pem(subject, keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNodeSeesOnlyThePodsBoundToItAndWritesOnlyTheirStatus() {
        assertThat(n1.list(ResourceTypes.POD, null, ListOptions.fieldSelector("spec.nodeName=n1")).path("items"))
                .extracting(pod -> pod.path("metadata").path("name").asText()).containsExactly("p1");
        assertThat(forbidden(() -> n1.list(ResourceTypes.POD, null, ListOptions.all())))
                .contains("cannot list resource \"pods\"");
        assertThat(forbidden(() -> n1.list(ResourceTypes.POD, null, ListOptions.fieldSelector("spec.nodeName=n2"))))
                .contains("cannot list resource \"pods\"");
        assertThat(n1.get(ResourceTypes.POD, "a", "p1").path("spec").path("nodeName").asText()).isEqualTo("n1");
        assertThat(forbidden(() -> n1.get(ResourceTypes.POD, "a", "p2"))).contains("pods \"p2\" is forbidden");

        n1.patchStatus(ResourceTypes.POD, "a", "p1", PatchType.MERGE, Json.parse("{\"status\":{\"phase\":\"Running\"}}"));
        assertThat(forbidden(() -> n1.patchStatus(ResourceTypes.POD, "a", "p2", PatchType.MERGE,
                Json.parse("{\"status\":{\"phase\":\"Failed\"}}")))).contains("cannot patch resource \"pods/status\"");
        assertThat(forbidden(() -> n1.create(ResourceTypes.POD, "a", podOn("p3", "n1", "s2", "c1"),
                WriteOptions.defaults()))).contains("cannot create resource \"pods\"");
    }

    @Test
    void aNodeReadsTheSecretsItsPodsUseAndNotThoseOfAnotherNodesPods() {
        assertThat(n1.get(ResourceTypes.SECRET, "a", "s1").path("data").path("key").asText()).isNotEmpty();
        assertThat(n1.get(ResourceTypes.CONFIG_MAP, "a", "c1").path("data").path("key").asText()).isEqualTo("1");

        assertThat(forbidden(() -> n1.get(ResourceTypes.SECRET, "a", "s2")))
                .isEqualTo("secrets \"s2\" is forbidden: User \"system:node:n1\" cannot get resource \"secrets\" in API "
                        + "group \"\" in the namespace \"a\"");
        assertThat(forbidden(() -> n1.get(ResourceTypes.SECRET, "a", "unused"))).contains("secrets \"unused\"");
        assertThat(forbidden(() -> n1.list(ResourceTypes.SECRET, "a", ListOptions.all())))
                .contains("cannot list resource \"secrets\"");
        assertThat(forbidden(() -> n1.list(ResourceTypes.SECRET, IssuedToken.NAMESPACE, ListOptions.all())))
                .contains("cannot list resource \"secrets\"");
    }

    /** Every node's ingress serves every Ingress: it reads them, their classes and the TLS Secrets, no other Secret. */
    @Test
    void aNodeReadsIngressesAndListsTheTlsSecretsOnly() {
        assertThat(n1.list(ResourceTypes.INGRESS, null, ListOptions.all()).path("items").isArray()).isTrue();
        assertThat(n1.list(ResourceTypes.INGRESS_CLASS, null, ListOptions.all()).path("items").isArray()).isTrue();
        assertThat(n1.list(ResourceTypes.SECRET, null, ListOptions.fieldSelector(TlsBinding.TLS_SECRETS)).path("items")
                .findValuesAsText("name")).doesNotContain("s1", "s2", "unused");
        assertThat(forbidden(() -> n1.list(ResourceTypes.SECRET, null, ListOptions.fieldSelector("type=Opaque"))))
                .contains("cannot list resource \"secrets\"");
    }

    @Test
    void aNodeReadsServicesAndEndpointsAndRecordsEventsButIsNoAdmin() {
        assertThat(n1.list(ResourceTypes.SERVICE, null, ListOptions.all()).path("items").isArray()).isTrue();
        assertThat(n1.list(ResourceTypes.ENDPOINTS, null, ListOptions.all()).path("items").isArray()).isTrue();
        assertThat(forbidden(() -> n1.create(ResourceTypes.CONFIG_MAP, "a", Fixtures.configMap("x", "1"),
                WriteOptions.defaults()))).contains("cannot create resource \"configmaps\"");
        assertThat(forbidden(() -> n1.list(ResourceTypes.NAMESPACE, null, ListOptions.all())))
                .contains("cannot list resource \"namespaces\"");
    }

    @Test
    void anIssuedTokenStopsWorkingOnceRevokedOrExpired() {
        String text = issue((id, user, expires) -> new IssuedToken(id, user, user, List.of(), expires, ""), "jane",
                Optional.empty());
        ApiClient jane = client(text);
        assertThat(jane.reviewOwnAccess(Json.object().set("nonResourceAttributes",
                Json.object().put("path", "/version").put("verb", "get"))).path("status").path("allowed").asBoolean())
                .isTrue();

        admin.delete(ResourceTypes.SECRET, IssuedToken.NAMESPACE,
                IssuedToken.secretName(IssuedToken.idOf(text).orElseThrow()), DeleteOptions.defaults());

        assertThatThrownBy(() -> jane.get(ResourceTypes.NAMESPACE, null, "a"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(401));
        ApiClient expired = client(issue((id, user, expires) -> new IssuedToken(id, user, user, List.of(), expires, ""),
                "old", Optional.of(Instant.now().minusSeconds(1))));
        assertThatThrownBy(() -> expired.get(ResourceTypes.NAMESPACE, null, "a"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(401));
        String wrongSecret = IssuedToken.idOf(n1Token).orElseThrow() + "." + "0".repeat(48);
        assertThatThrownBy(() -> client(wrongSecret).get(ResourceTypes.NODE, null, "n1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(401));
    }

    /** Issues a token as {@code orc token create} does: a Secret holding its hash, created by the admin. */
    private String issue(Issue issue, String who, Optional<Instant> expires) {
        String text = IssuedToken.generate(new SecureRandom());
        IssuedToken token = issue.of(IssuedToken.idOf(text).orElseThrow(), who, expires);
        admin.create(ResourceTypes.SECRET, IssuedToken.NAMESPACE, (ObjectNode) Json.tree(token.toSecret(text)),
                WriteOptions.defaults());
        return text;
    }

    @FunctionalInterface
    private interface Issue {
        IssuedToken of(String id, String who, Optional<Instant> expires);
    }

    private ApiClient client(String token) {
        return ApiClient.connect(new ClientConfig(server.url(), token, null, "default"));
    }

    private static ObjectNode secret(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s"},"data":{"key":"c2VjcmV0"}}"""
                .formatted(name));
    }

    private static ObjectNode podOn(String name, String node, String secret, String configMap) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"nodeName":"%s","containers":[{"name":"app","image":"busybox",
                   "env":[{"name":"C","valueFrom":{"configMapKeyRef":{"name":"%s","key":"key"}}}]}],
                   "volumes":[{"name":"s","secret":{"secretName":"%s"}}]}}"""
                .formatted(name, node, configMap, secret));
    }

    private static ObjectNode node(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"}}""".formatted(name));
    }

    private static ObjectNode lease(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"%s"},
                 "spec":{"holderIdentity":"%s"}}""".formatted(name, name));
    }

    private static String forbidden(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(403);
            return e.getMessage();
        }
        throw new AssertionError("expected 403 Forbidden");
    }
}
