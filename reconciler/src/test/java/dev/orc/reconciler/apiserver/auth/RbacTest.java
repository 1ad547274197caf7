package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.PolicyRule;
import dev.orc.api.model.Role;
import dev.orc.api.model.RoleBinding;
import dev.orc.api.model.RoleRef;
import dev.orc.api.model.Subject;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RBAC over HTTP against a real server: system:masters may do everything, a user may do what the roles bound to
 * them in a namespace allow there and nothing elsewhere, refusals are 403 worded as Kubernetes words them, a
 * change to a binding takes effect on the next request, and access reviews agree with what is enforced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacTest {
    private Store store;
    private ApiServer server;
    private ApiClient admin;
    private ApiClient jane;
    private ApiClient team;
    private ApiClient ana;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("orc-rbac");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, """
                # token,user,uid,groups
                admin-token,admin,admin,"system:masters"
                jane-token,jane,1001
                team-token,sam,1002,"team-a,developers"
                ana-token,ana,1003
                """);
        store = SqliteStore.open(dir.resolve("store"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(TokenAuthenticator.fromFile(tokens)).withRbac());
        admin = client("admin-token");
        jane = client("jane-token");
        team = client("team-token");
        ana = client("ana-token");
        for (String ns : List.of("a", "b")) {
            admin.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace(ns), WriteOptions.defaults());
            admin.create(ResourceTypes.CONFIG_MAP, ns, Fixtures.configMap("settings", "1"), WriteOptions.defaults());
        }
        bind("a", "jane-views", Subject.user("jane"), RoleRef.clusterRole("view"));
        bind("a", "team-edits", Subject.group("team-a"), RoleRef.clusterRole("edit"));
        bind("a", "ana-admins", Subject.user("ana"), RoleRef.clusterRole("admin"));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void aViewerReadsInItsNamespaceButCannotWriteThereOrReadElsewhere() {
        assertThat(jane.list(ResourceTypes.CONFIG_MAP, "a", ListOptions.all()).path("items")).isNotEmpty();
        assertThat(forbidden(() -> jane.create(ResourceTypes.CONFIG_MAP, "a", Fixtures.configMap("new", "1"),
                WriteOptions.defaults()))).isEqualTo("configmaps is forbidden: User \"jane\" cannot create resource "
                + "\"configmaps\" in API group \"\" in the namespace \"a\"");
        assertThat(forbidden(() -> jane.get(ResourceTypes.CONFIG_MAP, "b", "other"))).isEqualTo(
                "configmaps \"other\" is forbidden: User \"jane\" cannot get resource \"configmaps\" in API group "
                        + "\"\" in the namespace \"b\"");
        assertThat(forbidden(() -> jane.get(ResourceTypes.SECRET, "a", "token"))).contains("cannot get resource \"secrets\"");
        assertThat(forbidden(() -> jane.list(ResourceTypes.NODE, null, ListOptions.all())))
                .endsWith("cannot list resource \"nodes\" in API group \"\" at the cluster scope");
    }

    @Test
    void anEditorByGroupWritesInItsNamespaceOnlyAndCannotGrantRoles() {
        team.create(ResourceTypes.CONFIG_MAP, "a", Fixtures.configMap("by-team", "1"), WriteOptions.defaults());
        assertThat(forbidden(() -> team.create(ResourceTypes.CONFIG_MAP, "b", Fixtures.configMap("by-team", "1"),
                WriteOptions.defaults()))).contains("in the namespace \"b\"");
        ObjectNode binding = (ObjectNode) Json.tree(RoleBinding.of(ObjectMeta.named("sneaky").withNamespace("a"),
                List.of(Subject.user("sam")), RoleRef.clusterRole("admin")));
        assertThat(forbidden(() -> team.create(ResourceTypes.ROLE_BINDING, "a", binding, WriteOptions.defaults())))
                .contains("cannot create resource \"rolebindings\" in API group \"rbac.authorization.k8s.io\"");
    }

    @Test
    void editorsManageDisruptionBudgetsAndEvictPodsWhileViewersOnlyReadBudgets() {
        ObjectNode pdb = (ObjectNode) Json.parse("{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget\","
                + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":"
                + "{\"app\":\"web\"}}}}");
        team.create(ResourceTypes.POD_DISRUPTION_BUDGET, "a", pdb, WriteOptions.defaults());
        assertThat(jane.get(ResourceTypes.POD_DISRUPTION_BUDGET, "a", "web").at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(forbidden(() -> jane.delete(ResourceTypes.POD_DISRUPTION_BUDGET, "a", "web",
                dev.orc.api.client.DeleteOptions.defaults()))).contains("cannot delete resource \"poddisruptionbudgets\" "
                + "in API group \"policy\"");
        assertThat(forbidden(() -> jane.evict("a", "web-0", dev.orc.api.client.DeleteOptions.defaults())))
                .contains("cannot create resource \"pods/eviction\" in API group \"\"");
        assertThatNotFound(() -> team.evict("a", "web-0", dev.orc.api.client.DeleteOptions.defaults()));
        assertThatNotFound(() -> ana.evict("a", "web-0", dev.orc.api.client.DeleteOptions.defaults()));
    }

    @Test
    void aNamespaceAdminGrantsOnlyWhatItHolds() {
        Role reads = Role.of(ObjectMeta.named("reads").withNamespace("a"), List.of(
                PolicyRule.resources(List.of(""), List.of("configmaps"), List.of("get", "list"))));
        ana.create(ResourceTypes.ROLE, "a", (ObjectNode) Json.tree(reads), WriteOptions.defaults());
        ana.create(ResourceTypes.ROLE_BINDING, "a", (ObjectNode) Json.tree(RoleBinding.of(
                ObjectMeta.named("jane-reads").withNamespace("a"), List.of(Subject.user("jane")),
                RoleRef.clusterRole("view"))), WriteOptions.defaults());

        Role nodes = Role.of(ObjectMeta.named("nodes").withNamespace("a"), List.of(
                PolicyRule.resources(List.of(""), List.of("nodes"), List.of("list"))));
        assertThat(forbidden(() -> ana.create(ResourceTypes.ROLE, "a", (ObjectNode) Json.tree(nodes),
                WriteOptions.defaults()))).contains("roles.rbac.authorization.k8s.io \"nodes\" is forbidden: user \"ana\"",
                "is attempting to grant RBAC permissions not currently held",
                "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"list\"]}");
        assertThat(forbidden(() -> ana.create(ResourceTypes.ROLE_BINDING, "a", (ObjectNode) Json.tree(RoleBinding.of(
                ObjectMeta.named("ana-everything").withNamespace("a"), List.of(Subject.user("ana")),
                RoleRef.clusterRole("cluster-admin"))), WriteOptions.defaults())))
                .contains("is attempting to grant RBAC permissions not currently held");
        ObjectNode widened = (ObjectNode) Json.parse("{\"rules\":[{\"apiGroups\":[\"*\"],\"resources\":[\"*\"],"
                + "\"verbs\":[\"*\"]}]}");
        assertThat(forbidden(() -> ana.patch(ResourceTypes.ROLE, "a", "reads", dev.orc.api.client.PatchType.MERGE,
                widened, WriteOptions.defaults()))).contains("not currently held");
    }

    @Test
    void aNewBindingTakesEffectOnTheNextRequest() {
        assertThat(forbidden(() -> jane.list(ResourceTypes.CONFIG_MAP, "b", ListOptions.all()))).contains("\"b\"");
        Role reader = Role.of(ObjectMeta.named("settings-reader").withNamespace("b"), List.of(
                new PolicyRule(List.of(""), List.of("configmaps"), List.of("settings"), List.of(), List.of("get"))));
        admin.create(ResourceTypes.ROLE, "b", (ObjectNode) Json.tree(reader), WriteOptions.defaults());
        bind("b", "jane-reads-settings", Subject.user("jane"), new RoleRef(RoleRef.RBAC_GROUP, "Role", "settings-reader"));

        assertThat(jane.get(ResourceTypes.CONFIG_MAP, "b", "settings").path("metadata").path("name").asText())
                .isEqualTo("settings");
        assertThat(forbidden(() -> jane.list(ResourceTypes.CONFIG_MAP, "b", ListOptions.all())))
                .as("resourceNames allow only the named object").contains("cannot list");
    }

    @Test
    void everyAuthenticatedUserMayDiscoverAndReviewItsOwnAccess() throws Exception {
        assertThat(rawGet("jane-token", "/version").statusCode()).isEqualTo(200);
        assertThat(rawGet("jane-token", "/metrics").statusCode()).isEqualTo(403);
        assertThat(rawGet("nobody", "/version").statusCode()).isEqualTo(401);

        assertThat(selfReview("jane-token", "list", "configmaps", "a")).isTrue();
        assertThat(selfReview("jane-token", "create", "configmaps", "a")).isFalse();
        assertThat(selfReview("jane-token", "get", "configmaps", "b")).isFalse();
        assertThat(selfReview("admin-token", "delete", "nodes", "")).isTrue();
    }

    private boolean selfReview(String token, String verb, String resource, String namespace) throws Exception {
        String body = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":"
                + "{\"resourceAttributes\":{\"verb\":\"" + verb + "\",\"resource\":\"" + resource + "\",\"namespace\":\""
                + namespace + "\"}}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body()).path("status").path("allowed").asBoolean();
    }

    private HttpResponse<String> rawGet(String token, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void bind(String namespace, String name, Subject subject, RoleRef role) {
        admin.create(ResourceTypes.ROLE_BINDING, namespace, (ObjectNode) Json.tree(RoleBinding.of(
                ObjectMeta.named(name).withNamespace(namespace), List.of(subject), role)), WriteOptions.defaults());
    }

    private ApiClient client(String token) {
        return ApiClient.connect(new ClientConfig(server.url(), token, null, "default"));
    }

    /** Allowed by RBAC: the request reached the registry, which has no such pod. */
    private static void assertThatNotFound(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(404);
            return;
        }
        throw new AssertionError("expected 404 Not Found");
    }

    private static String forbidden(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(403);
            assertThat(e.reason()).isEqualTo("Forbidden");
            return e.getMessage();
        }
        throw new AssertionError("expected 403 Forbidden");
    }
}
