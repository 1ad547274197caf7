package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** What a sync does to fields others write, with either way of writing. */
class SyncFieldOwnershipTest {
    private static final ManagedRef WEB = new ManagedRef("apps/v1", "Deployment", "team", "web");
    private final GitSync sync = new GitSync(ManifestValidator.standard());
    private final RegistryCluster registry = new RegistryCluster(new ManualClock());

    @AfterEach
    void close() {
        registry.close();
    }

    private static String deployment(String image, String replicas) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n" + replicas
                + "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
                + "    spec: {containers: [{name: web, image: " + image + "}]}\n";
    }

    private SyncOutcome syncCommit(SourceAccess scope, String commit, String manifest, Set<ManagedRef> inventory) {
        GitSnapshot snapshot = new GitSnapshot(commit, "Ada <ada@example.test>", "change", Instant.EPOCH,
                Map.of("web.yaml", manifest.getBytes(StandardCharsets.UTF_8)));
        GitSync.Desired desired = sync.load(snapshot, "", "team");
        assertThat(desired.errors()).isEmpty();
        return sync.apply(new GitSync.SourceSettings("team/apps", "team", true, commit), desired, inventory, scope);
    }

    @BeforeEach
    void namespace() {
        registry.seed(ResourceTypes.NAMESPACE, (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"""));
    }

    private SourceAccess scope(ApplyMethod method) {
        return scope(new RecordingClusterOps(registry.client(), registry.transport(), method));
    }

    private static SourceAccess scope(RecordingClusterOps cluster) {
        return new NamespaceScope("team/apps", "team", cluster.ops());
    }

    private void scaleByHand(int replicas) {
        registry.client().patch(ResourceTypes.DEPLOYMENT, "team", "web", PatchType.MERGE,
                Json.parse("{\"spec\":{\"replicas\":" + replicas + "}}"), WriteOptions.defaults().withFieldManager("kubectl"));
    }

    private ObjectNode live() {
        return registry.get(ResourceTypes.DEPLOYMENT, "team", "web").orElseThrow();
    }

    /** {@code manager/operation} of each managedFields entry of the object itself. */
    private List<String> managers() {
        return StreamSupport.stream(live().at("/metadata/managedFields").spliterator(), false)
                .filter(entry -> entry.path("subresource").asText().isEmpty())
                .map(entry -> entry.path("manager").asText() + "/" + entry.path("operation").asText()).toList();
    }

    /** {@code manager/operation} of each entry that owns {@code spec.<field>}. */
    private List<String> ownersOf(String field) {
        return StreamSupport.stream(live().at("/metadata/managedFields").spliterator(), false)
                .filter(entry -> entry.at("/fieldsV1/f:spec").has("f:" + field))
                .map(entry -> entry.path("manager").asText() + "/" + entry.path("operation").asText()).toList();
    }

    @ParameterizedTest
    @EnumSource(ApplyMethod.class)
    void aReplicaCountScaledByHandSurvivesASyncWhenGitSetsNone(ApplyMethod method) {
        SourceAccess scope = scope(method);
        assertThat(syncCommit(scope, "c1", deployment("nginx:1", ""), Set.of()).succeeded()).isTrue();
        scaleByHand(5);

        SyncOutcome next = syncCommit(scope, "c2", deployment("nginx:2", ""), Set.of(WEB));

        assertThat(next.succeeded()).isTrue();
        assertThat(live().at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(live().at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
    }

    @ParameterizedTest
    @EnumSource(ApplyMethod.class)
    void aReplicaCountGitSetsIsTakenBackFromAHandEdit(ApplyMethod method) {
        SourceAccess scope = scope(method);
        assertThat(syncCommit(scope, "c1", deployment("nginx:1", "  replicas: 2\n"), Set.of()).succeeded()).isTrue();
        scaleByHand(5);

        assertThat(syncCommit(scope, "c2", deployment("nginx:1", "  replicas: 2\n"), Set.of(WEB)).succeeded()).isTrue();

        assertThat(live().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ApplyMethod.class)
    void aFieldDroppedFromGitIsRemoved(ApplyMethod method) {
        SourceAccess scope = scope(method);
        assertThat(syncCommit(scope, "c1", deployment("nginx:1", "  minReadySeconds: 7\n"), Set.of()).succeeded()).isTrue();

        assertThat(syncCommit(scope, "c2", deployment("nginx:1", ""), Set.of(WEB)).succeeded()).isTrue();

        assertThat(live().at("/spec/minReadySeconds").asInt(0)).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = ApplyMethod.class, names = "SERVER_SIDE_APPLY")
    void serverSideApplyLeavesTheHandScaledReplicasToTheirManager(ApplyMethod method) {
        SourceAccess scope = scope(method);
        assertThat(syncCommit(scope, "c1", deployment("nginx:1", ""), Set.of()).succeeded()).isTrue();
        scaleByHand(5);
        assertThat(syncCommit(scope, "c2", deployment("nginx:2", ""), Set.of(WEB)).succeeded()).isTrue();

        assertThat(ownersOf("replicas")).containsExactly("kubectl/Update");
        assertThat(live().at("/metadata/managedFields")).anySatisfy(entry -> {
            assertThat(entry.path("manager").asText()).isEqualTo(ClusterOps.FIELD_MANAGER);
            assertThat(entry.path("operation").asText()).isEqualTo("Apply");
        });
    }

    @Test
    void serverSideApplyIsTheDefault() {
        assertThat(GitOpsPolicy.standard().apply()).isEqualTo(ApplyMethod.SERVER_SIDE_APPLY);
        assertThat(new GitOpsPolicy(true, null).apply()).isEqualTo(ApplyMethod.SERVER_SIDE_APPLY);
    }

    @Test
    void afterTheSwitchFromMergePatchesAFieldGitDropsIsRemovedAndAHandScaleSurvives() {
        assertThat(syncCommit(scope(ApplyMethod.MERGE_PATCH), "c1", deployment("nginx:1", "  minReadySeconds: 7\n"),
                Set.of()).succeeded()).isTrue();
        scaleByHand(5);
        assertThat(managers()).containsExactlyInAnyOrder("orc-gitops/Update", "kubectl/Update");
        RecordingClusterOps switched = new RecordingClusterOps(registry.client(), registry.transport());

        assertThat(syncCommit(scope(switched), "c2", deployment("nginx:2", ""), Set.of(WEB)).succeeded()).isTrue();

        assertThat(live().at("/spec/minReadySeconds").asInt(0)).isZero();
        assertThat(live().at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(live().at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
        assertThat(managers()).containsExactlyInAnyOrder("orc-gitops/Apply", "kubectl/Update");
        assertThat(ownersOf("replicas")).containsExactly("kubectl/Update");
        assertThat(switched.calls).as("the rewrite of managedFields, then the apply")
                .containsExactly("configured Deployment team/web", "configured Deployment team/web");
    }

    @Test
    void theUpgradeIsMadeOnceAndLaterSyncsOnlyApply() {
        assertThat(syncCommit(scope(ApplyMethod.MERGE_PATCH), "c1", deployment("nginx:1", "  minReadySeconds: 7\n"),
                Set.of()).succeeded()).isTrue();
        assertThat(syncCommit(scope(ApplyMethod.SERVER_SIDE_APPLY), "c2", deployment("nginx:2", ""), Set.of(WEB))
                .succeeded()).isTrue();
        RecordingClusterOps later = new RecordingClusterOps(registry.client(), registry.transport());

        assertThat(syncCommit(scope(later), "c3", deployment("nginx:3", ""), Set.of(WEB)).succeeded()).isTrue();

        assertThat(later.calls).containsExactly("configured Deployment team/web");
        assertThat(managers()).containsExactly("orc-gitops/Apply");
    }

    @Test
    void theUpgradeComputedFromAStaleReadDoesNotOverwriteAConcurrentWriter() throws ClusterOps.ApplyException {
        assertThat(syncCommit(scope(ApplyMethod.MERGE_PATCH), "c1", deployment("nginx:1", "  minReadySeconds: 7\n"),
                Set.of()).succeeded()).isTrue();
        ObjectNode read = live();
        scaleByHand(5);
        ObjectNode desired = (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"team"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1"}]}}}}""");
        ((ObjectNode) desired.get("metadata")).set("annotations", read.at("/metadata/annotations").deepCopy());
        SyncAction stale = new SyncAction(SyncAction.Type.UPDATE, WEB, desired, Json.object(), read);

        new RecordingClusterOps(registry.client(), registry.transport(), ApplyMethod.SERVER_SIDE_APPLY).ops().apply(stale);

        assertThat(live().at("/spec/minReadySeconds").asInt(0)).isZero();
        assertThat(live().at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(ownersOf("replicas")).containsExactly("kubectl/Update");
        assertThat(managers()).containsExactlyInAnyOrder("orc-gitops/Apply", "kubectl/Update");
    }
}
