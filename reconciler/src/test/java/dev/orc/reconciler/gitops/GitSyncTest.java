package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GitSyncTest {
    private static final GitSync.SourceSettings SETTINGS = new GitSync.SourceSettings("team/apps", "team", true, "c0ffee");
    private final GitSync sync = new GitSync(ManifestValidator.standard());
    private final RegistryCluster registry = new RegistryCluster(new ManualClock());
    private final RecordingClusterOps cluster = new RecordingClusterOps(registry.client(), registry.transport());
    /** The source team/apps, which names no service account: it may write namespaced objects of team only. */
    private final SourceAccess scope = new NamespaceScope("team/apps", "team", cluster.ops());

    @BeforeEach
    void createNamespaceTeam() {
        registry.seed(ResourceTypes.NAMESPACE, (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"""));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private static GitSnapshot snapshot(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return new GitSnapshot("c0ffee", "Ada <ada@example.test>", "change", Instant.EPOCH, bytes);
    }

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  a: \"1\"\n";
    }

    @Test
    void oneBadDocumentAmongTwentyChangesNothingAndNamesFileAndLine() {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 19; i++) {
            files.put("cm-" + (char) ('a' + i) + ".yaml", configMap("cm-" + i));
        }
        files.put("web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n"
                + "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
                + "    spec: {containers: [{name: web, image: nginx}]}\n");
        GitSync.Desired desired = sync.load(snapshot(files), "apps", "team");
        assertThat(desired.errors()).containsExactly(
                "apps/web.yaml:6:13: Deployment \"web\": spec.replicas: expected integer, got string \"three\"");
    }

    @Test
    void fillsTheNamespaceOfObjectsThatNameNoneAndRefusesDuplicates() {
        GitSync.Desired desired = sync.load(snapshot(Map.of("a.yaml", configMap("one"), "b.yaml", configMap("one"),
                "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n")), "", "team");
        assertThat(desired.objects()).extracting(o -> o.at("/metadata/namespace").asText()).containsExactly("team", "team", "");
        assertThat(desired.errors()).containsExactly("b.yaml:4:9: ConfigMap \"one\": defined twice (also in a.yaml)");
    }

    @Test
    void appliesEverythingInOrderAndThenPrunesWhatGitDropped() {
        GitSync.Desired first = sync.load(snapshot(Map.of("a.yaml", configMap("a"), "b.yaml", configMap("b"))), "", "team");
        SyncOutcome created = sync.apply(SETTINGS, first, Set.of(), scope);
        assertThat(created.succeeded()).isTrue();
        assertThat(cluster.calls).containsExactlyInAnyOrder("created ConfigMap team/a", "created ConfigMap team/b");

        cluster.calls.clear();
        GitSync.Desired second = sync.load(snapshot(Map.of("a.yaml", configMap("a"))), "", "team");
        SyncOutcome pruned = sync.apply(SETTINGS, second, Set.copyOf(created.inventory()), scope);
        assertThat(cluster.calls).containsExactly("deleted ConfigMap team/b");
        assertThat(pruned.inventory()).containsExactly(new ManagedRef("v1", "ConfigMap", "team", "a"));
        assertThat(pruned.objects()).extracting(GitSourceStatusResult::of)
                .containsExactly("unchanged a Succeeded", "pruned b Succeeded");
    }

    @Test
    void aServerSideDryRunRefusalChangesNothing() {
        cluster.dryRunRefusals.put("b", "field is immutable");
        GitSync.Desired desired = sync.load(snapshot(Map.of("a.yaml", configMap("a"), "b.yaml", configMap("b"))), "", "team");
        SyncOutcome outcome = sync.apply(SETTINGS, desired, Set.of(), scope);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.errors()).containsExactly("b.yaml:2: ConfigMap team/b: field is immutable");
        assertThat(cluster.calls).isEmpty();
    }

    @Test
    void aRefusalMidwayKeepsWhatWasCreatedInTheInventoryAndSkipsLaterTiers() {
        cluster.applyRefusals.put("b", "quota exceeded");
        String service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  ports: [{port: 80}]\n";
        GitSync.Desired desired = sync.load(snapshot(Map.of("a.yaml", configMap("a"), "b.yaml", configMap("b"),
                "c.yaml", configMap("c"), "svc.yaml", service)), "", "team");
        SyncOutcome outcome = sync.apply(SETTINGS, desired, Set.of(), scope);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.inventory()).containsExactly(new ManagedRef("v1", "ConfigMap", "team", "a"),
                new ManagedRef("v1", "ConfigMap", "team", "c"));
        assertThat(outcome.objects()).extracting(GitSourceStatusResult::of)
                .containsExactly("created a Succeeded", "created b Failed", "created c Succeeded", "created svc Skipped");
        assertThat(outcome.message()).isEqualTo("ConfigMap team/b: quota exceeded");
        assertThat(cluster.calls).containsExactlyInAnyOrder("created ConfigMap team/a", "created ConfigMap team/c");
    }

    @Test
    void aSourceWithoutServiceAccountMayNotWriteClusterObjectsOrOtherNamespacesAndWritesNothingThen() {
        registry.seed(ResourceTypes.NAMESPACE, (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod"}}"""));
        String clusterRole = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: all\n"
                + "rules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]\n";
        String elsewhere = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: prod\n";
        GitSync.Desired desired = sync.load(snapshot(Map.of("a.yaml", configMap("a"), "role.yaml", clusterRole,
                "prod.yaml", elsewhere)), "apps", "team");
        assertThat(desired.errors()).isEmpty();
        SyncOutcome outcome = sync.apply(SETTINGS, desired, Set.of(), scope);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.errors()).containsExactlyInAnyOrder(
                "apps/role.yaml:2: clusterroles \"all\" is forbidden: GitSource \"team/apps\" has no spec.serviceAccountName,"
                        + " so it may get only namespaced objects in its own namespace \"team\"",
                "apps/prod.yaml:2: configmaps \"x\" is forbidden: GitSource \"team/apps\" has no spec.serviceAccountName,"
                        + " so it may get only namespaced objects in its own namespace \"team\", not in \"prod\"");
        assertThat(cluster.calls).isEmpty();
        assertThat(registry.get(ResourceTypes.CONFIG_MAP, "team", "a")).isEmpty();
    }

    @Test
    void anObjectNobodyManagesIsNeitherOverwrittenNorPrunedUnlessMarkedForAdoption() {
        registry.seed(ResourceTypes.CONFIG_MAP, (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b","namespace":"team"},"data":{"a":"by hand"}}"""));
        GitSync.Desired desired = sync.load(snapshot(Map.of("a.yaml", configMap("a"), "b.yaml", configMap("b"))), "", "team");
        SyncOutcome refused = sync.apply(SETTINGS, desired, Set.of(), scope);
        assertThat(refused.errors()).containsExactly("b.yaml:2: ConfigMap team/b already exists and no GitSource manages it:"
                + " annotate it orc.dev/adopt=true to let GitSource team/apps take it over");
        assertThat(cluster.calls).isEmpty();
        assertThat(refused.inventory()).isEmpty();

        ObjectNode marked = registry.get(ResourceTypes.CONFIG_MAP, "team", "b").orElseThrow();
        ((ObjectNode) marked.path("metadata")).putObject("annotations").put("orc.dev/adopt", "true");
        registry.update(ResourceTypes.CONFIG_MAP, marked);
        SyncOutcome adopted = sync.apply(SETTINGS, desired, Set.of(), scope);
        assertThat(adopted.succeeded()).isTrue();
        assertThat(cluster.calls).containsExactlyInAnyOrder("created ConfigMap team/a", "configured ConfigMap team/b");
        assertThat(registry.get(ResourceTypes.CONFIG_MAP, "team", "b").orElseThrow().at("/data/a").asText()).isEqualTo("1");
    }

    private static final class GitSourceStatusResult {
        static String of(dev.orc.api.model.GitSourceStatus.ObjectResult result) {
            return result.action() + " " + result.name() + " " + result.result();
        }
    }
}
