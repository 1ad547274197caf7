package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.RoleBinding;
import dev.orc.api.model.RoleRef;
import dev.orc.api.model.ServiceAccount;
import dev.orc.api.model.Subject;
import dev.orc.api.nodeaccess.NodeRequestToken;
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
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service-account tokens over HTTP against a real server with RBAC: a TokenRequest answers a token bound to a pod,
 * which authenticates as {@code system:serviceaccount:NS:NAME}, gets what a RoleBinding to the account grants and no
 * more, and stops working when its pod or its account is deleted; a node may ask only for its own pods' tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAccountTokensTest {
    private final CertificateAuthority ca = CertificateAuthority.create("orc-ca", Instant.now());
    private final KeyPair key = ca.keys();
    private Store store;
    private ApiServer server;
    private ApiClient admin;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("orc-sa-tokens");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, """
                admin-token,admin,admin,"system:masters"
                node-token,system:node:n1,system:node:n1,"system:nodes"
                """);
        store = SqliteStore.open(dir.resolve("store"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withNodeCa(ca)
                .withAuthenticator(TokenAuthenticator.fromFile(tokens)).withRbac());
        admin = client("admin-token");
        admin.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace("a"), WriteOptions.defaults());
        admin.resource(ServiceAccount.class).create(ServiceAccount.of(ObjectMeta.of("a", "robot")));
        admin.create(ResourceTypes.ROLE_BINDING, "a", (ObjectNode) Json.tree(RoleBinding.of(
                ObjectMeta.named("robot-views").withNamespace("a"),
                List.of(new Subject(Subject.SERVICE_ACCOUNT, "robot", "a", null)), RoleRef.clusterRole("view"))),
                WriteOptions.defaults());
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void aBoundTokenActsAsItsAccountWithTheRightsBoundToIt() {
        ObjectNode pod = robotPod("reader", "n1");
        ApiClient robot = client(token("admin-token", "robot", pod));

        assertThat(robot.list(ResourceTypes.POD, "a", ListOptions.all()).path("items")).isNotEmpty();
        assertThat(forbidden(() -> robot.create(ResourceTypes.POD, "a", Fixtures.pod("x", "x"), WriteOptions.defaults())))
                .isEqualTo("pods is forbidden: User \"system:serviceaccount:a:robot\" cannot create resource \"pods\""
                        + " in API group \"\" in the namespace \"a\"");
        assertThat(forbidden(() -> robot.list(ResourceTypes.SECRET, "a", ListOptions.all())))
                .contains("cannot list resource \"secrets\"");
        assertThat(forbidden(() -> robot.list(ResourceTypes.POD, "default", ListOptions.all())))
                .contains("in the namespace \"default\"");
    }

    @Test
    void deletingThePodOrTheAccountEndsItsTokens() {
        ObjectNode first = robotPod("short-lived", "n1");
        ApiClient byPod = client(token("admin-token", "robot", first));
        assertThat(byPod.list(ResourceTypes.POD, "a", ListOptions.all()).path("items")).isNotEmpty();
        admin.delete(ResourceTypes.POD, "a", "short-lived", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        assertThat(unauthorized(() -> byPod.list(ResourceTypes.POD, "a", ListOptions.all()))).isEqualTo(401);

        admin.resource(ServiceAccount.class).create(ServiceAccount.of(ObjectMeta.of("a", "temp")));
        ObjectNode pod = admin.create(ResourceTypes.POD, "a", podAs("temp-pod", "temp", "n1"), WriteOptions.defaults());
        ApiClient temp = client(token("admin-token", "temp", pod));
        admin.create(ResourceTypes.ROLE_BINDING, "a", (ObjectNode) Json.tree(RoleBinding.of(
                ObjectMeta.named("temp-views").withNamespace("a"),
                List.of(new Subject(Subject.SERVICE_ACCOUNT, "temp", "a", null)), RoleRef.clusterRole("view"))),
                WriteOptions.defaults());
        assertThat(temp.list(ResourceTypes.POD, "a", ListOptions.all()).path("items")).isNotEmpty();
        admin.delete(ResourceTypes.SERVICE_ACCOUNT, "a", "temp", DeleteOptions.defaults());
        assertThat(unauthorized(() -> temp.list(ResourceTypes.POD, "a", ListOptions.all()))).isEqualTo(401);
    }

    @Test
    void aNodeGetsTokensOnlyForPodsBoundToIt() {
        ObjectNode own = robotPod("on-n1", "n1");
        ObjectNode other = robotPod("on-n2", "n2");

        assertThat(token("node-token", "robot", own)).isNotEmpty();
        assertThat(forbidden(() -> token("node-token", "robot", other)))
                .contains("node requested token bound to a pod scheduled on a different node");
    }

    @Test
    void aSignedRequestToANodeIsNoServiceAccountToken() {
        String signed = NodeRequestToken.of("n1", "/stats/summary", Instant.now()).sign(key.getPrivate());
        assertThat(ServiceAccountToken.verify(key.getPublic(), signed)).isEmpty();
        assertThat(unauthorized(() -> client(signed).list(ResourceTypes.POD, "a", ListOptions.all()))).isEqualTo(401);
    }

    @Test
    void aPodNamingAMissingAccountIsRefusedAndOneNamingNoneRunsAsDefault() {
        assertThat(forbidden(() -> admin.create(ResourceTypes.POD, "a", podAs("ghost", "nobody", "n1"),
                WriteOptions.defaults()))).endsWith("error looking up service account a/nobody: serviceaccount "
                + "\"nobody\" not found");
        ObjectNode plain = admin.create(ResourceTypes.POD, "a", Fixtures.pod("plain", "plain"), WriteOptions.defaults());
        assertThat(plain.path("spec").path("serviceAccountName").asText()).isEqualTo("default");
    }

    private ObjectNode robotPod(String name, String node) {
        return admin.create(ResourceTypes.POD, "a", podAs(name, "robot", node), WriteOptions.defaults());
    }

    private static ObjectNode podAs(String name, String account, String node) {
        ObjectNode pod = Fixtures.pod(name, name);
        ((ObjectNode) pod.get("spec")).put("serviceAccountName", account).put("nodeName", node);
        return pod;
    }

    private String token(String asker, String account, ObjectNode pod) {
        ObjectNode request = (ObjectNode) Json.parse("""
                {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
                 "spec":{"boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":"%s","uid":"%s"}}}"""
                .formatted(pod.path("metadata").path("name").asText(), pod.path("metadata").path("uid").asText()));
        return client(asker).requestToken("a", account, request).path("status").path("token").asText();
    }

    private ApiClient client(String token) {
        return ApiClient.connect(new ClientConfig(server.url(), token, null, "default"));
    }

    private static int unauthorized(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
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
