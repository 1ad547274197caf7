package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.RoleBinding;
import dev.orc.api.model.RoleRef;
import dev.orc.api.model.Subject;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A GitSource acting as its service account against a real API server with RBAC: it writes what its RoleBinding
 * allows, anything else fails the whole sync before a write with file:line and the 403, its writes pass admission
 * (Pod Security) as any other, and the impersonated client is refused what the account may not do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitOpsTenancyTest {
    private static final GitSync.SourceSettings SETTINGS = new GitSync.SourceSettings("a/apps", "a", true, "c0ffee");
    private final GitSync sync = new GitSync(ManifestValidator.standard());
    private Store store;
    private ApiServer server;
    private ApiClient admin;
    private ApiClient local;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("orc-gitops-tenancy");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "admin-token,admin,admin,\"system:masters\"\n");
        store = SqliteStore.open(dir.resolve("store"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(TokenAuthenticator.fromFile(tokens)).withRbac());
        ClientConfig config = new ClientConfig(server.url(), "admin-token", null, "default");
        admin = ApiClient.connect(config);
        local = server.localClient(ApiTransport.http(config, ApiClient.DEFAULT_REQUEST_TIMEOUT));
        for (String namespace : List.of("a", "b")) {
            admin.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace(namespace), WriteOptions.defaults());
        }
        admin.create(ResourceTypes.ROLE_BINDING, "a", (ObjectNode) Json.tree(RoleBinding.of(
                ObjectMeta.named("deployer-edits").withNamespace("a"),
                List.of(new Subject(Subject.SERVICE_ACCOUNT, "deployer", "a", null)), RoleRef.clusterRole("edit"))),
                WriteOptions.defaults());
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    private SourceAccess access(String spec, GitOpsPolicy policy) {
        GitSource source = Json.convert(Json.parse(("{'apiVersion':'orc.dev/v1','kind':'GitSource','metadata':{"
                + "'namespace':'a','name':'apps'},'spec':{'url':'https://git.example/apps.git'" + spec + "}}")
                .replace('\'', '"')), GitSource.class);
        return new SourceAccesses(local, policy, server.impersonation()).of(source);
    }

    private GitSync.Desired load(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        GitSync.Desired desired = sync.load(new GitSnapshot("c0ffee", "Ada <ada@example.test>", "change", Instant.EPOCH,
                bytes), "apps", "a");
        assertThat(desired.errors()).isEmpty();
        return desired;
    }

    private static String configMap(String name, String namespace) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + namespace + "\n";
    }

    @Test
    void aServiceAccountWritesWhatItsRoleAllowsAndNothingElseFailsTheWholeSyncBeforeAWrite() {
        SourceAccess deployer = access(",'serviceAccountName':'deployer'", GitOpsPolicy.standard());
        String clusterRole = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: everything\n"
                + "rules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]\n";
        GitSync.Desired tooMuch = load(Map.of("mine.yaml", configMap("mine", "a"), "theirs.yaml", configMap("theirs", "b"),
                "role.yaml", clusterRole));
        SyncOutcome refused = sync.apply(SETTINGS, tooMuch, Set.of(), deployer);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.errors()).containsExactlyInAnyOrder(
                "apps/theirs.yaml:2: configmaps \"theirs\" is forbidden: User \"system:serviceaccount:a:deployer\" cannot get"
                        + " resource \"configmaps\" in API group \"\" in the namespace \"b\"",
                "apps/role.yaml:2: clusterroles \"everything\" is forbidden: User \"system:serviceaccount:a:deployer\" cannot"
                        + " get resource \"clusterroles\" in API group \"rbac.authorization.k8s.io\" at the cluster scope");
        assertThat(admin.find(ResourceTypes.CONFIG_MAP, "a", "mine")).isEmpty();

        SyncOutcome allowed = sync.apply(SETTINGS, load(Map.of("mine.yaml", configMap("mine", "a"))), Set.of(), deployer);
        assertThat(allowed.errors()).isEmpty();
        assertThat(admin.get(ResourceTypes.CONFIG_MAP, "a", "mine").at("/metadata/annotations/orc.dev~1gitsource").asText())
                .isEqualTo("a/apps");
    }

    @Test
    void theServiceAccountsPodsPassPodSecurityAdmissionAsAnyOther() {
        String hostPath = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: root\n  namespace: a\nspec:\n"
                + "  containers: [{name: c, image: orc/busybox:1}]\n  volumes: [{name: h, hostPath: {path: /}}]\n";
        SyncOutcome refused = sync.apply(SETTINGS, load(Map.of("pod.yaml", hostPath)), Set.of(),
                access(",'serviceAccountName':'deployer'", GitOpsPolicy.standard()));
        assertThat(refused.errors()).singleElement().asString().startsWith("apps/pod.yaml:2: Pod a/root: ")
                .contains("violates PodSecurity \"baseline:latest\": hostPath volumes");
        assertThat(admin.find(ResourceTypes.POD, "a", "root")).isEmpty();
    }

    @Test
    void theDefaultServiceAccountFlagStandsInForAMissingOne() {
        SourceAccess byDefault = access("", GitOpsPolicy.standard().withDefaultServiceAccount("deployer"));
        assertThat(byDefault.refusal("create", new ManagedRef("v1", "ConfigMap", "a", "x"))).isEmpty();
        assertThat(byDefault.refusal("create", new ManagedRef("v1", "ConfigMap", "b", "x"))).get().asString()
                .contains("User \"system:serviceaccount:a:deployer\" cannot create resource \"configmaps\"");
        SourceAccess unnamed = access("", GitOpsPolicy.standard().withDefaultServiceAccount("nobody"));
        assertThat(unnamed.refusal("create", new ManagedRef("v1", "ConfigMap", "a", "x"))).get().asString()
                .contains("User \"system:serviceaccount:a:nobody\"");
    }

    @Test
    void theImpersonatedClientIsRefusedWhatTheAccountMayNotDo() {
        ApiClient deployer = server.impersonation().client(local, SourceIdentity.serviceAccount("a", "deployer"));
        deployer.create(ResourceTypes.CONFIG_MAP, "a", Fixtures.configMap("direct", "1"), WriteOptions.defaults());
        assertThatThrownBy(() -> deployer.create(ResourceTypes.CONFIG_MAP, "b", Fixtures.configMap("direct", "1"),
                WriteOptions.defaults())).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("User \"system:serviceaccount:a:deployer\" cannot create resource"
                            + " \"configmaps\" in API group \"\" in the namespace \"b\"");
                });
        ObjectNode binding = (ObjectNode) Json.tree(RoleBinding.of(ObjectMeta.named("grab").withNamespace("a"),
                List.of(Subject.user("mallory")), RoleRef.clusterRole("admin")));
        assertThatThrownBy(() -> deployer.create(ResourceTypes.ROLE_BINDING, "a", binding, WriteOptions.defaults()))
                .hasMessageContaining("cannot create resource \"rolebindings\"");
        assertThat(admin.find(ResourceTypes.CONFIG_MAP, "b", "direct")).isEmpty();
    }
}
