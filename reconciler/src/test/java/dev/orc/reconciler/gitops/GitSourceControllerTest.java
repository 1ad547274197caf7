package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.status.ApiException;
import dev.orc.api.gitops.Ownership;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Secret;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.reconciler.apiserver.auth.GitOpsImpersonation;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitSourceControllerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "apps");

    @TempDir
    Path temp;
    private TestRepository repo;
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster registry = new RegistryCluster(clock);
    private final RecordingClusterOps cluster = new RecordingClusterOps(registry.client(), registry.transport());
    /** What the cache still shows of the source after the registry moved on (a lagging informer); null: the registry's. */
    private ObjectNode lagging;
    private GitSourceController controller;


    private final ObjectCache<GitSource> cache = new ObjectCache<>() {
        private final ObjectCache<GitSource> live = registry.cache(ResourceTypes.GIT_SOURCE);

        @Override
        public Optional<Cached<GitSource>> get(ObjectKey key) {
            return lagging != null && key.equals(KEY) ? Optional.of(Cached.of(lagging, GitSource.class)) : live.get(key);
        }

        @Override
        public List<Cached<GitSource>> list(String namespace) {
            return live.list(namespace);
        }

        @Override
        public List<Cached<GitSource>> byIndex(Index index, String value) {
            return live.byIndex(index, value);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepository.create(temp.resolve("repo"));
        controller = new GitSourceController(cache, new GitFetcher(temp.resolve("cache"), Duration.ofSeconds(30), true),
                new GitSync(ManifestValidator.standard()), new SourceAccesses(dev.orc.api.client.ApiClient.over(cluster),
                GitOpsPolicy.standard().withFileUrls(), new GitOpsImpersonation(null)), registry.controllerClient(),
                registry.events(), clock);
    }

    /** The controller's events as "Reason: message", in order. */
    private List<String> events() {
        return registry.recordedEvents().stream().map(event -> event.split(" ", 3)[2]).toList();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        registry.close();
    }

    private ObjectNode addSource(String extraSpec) {
        ObjectNode source = (ObjectNode) Json.parse(("{'apiVersion':'orc.dev/v1','kind':'GitSource','metadata':{'namespace':'default',"
                + "'name':'apps'},'spec':{'url':'" + repo.url() + "','ref':{'branch':'main'},'path':'deploy',"
                + "'interval':'1m'" + extraSpec + "}}").replace('\'', '"'));
        return registry.seed(ResourceTypes.GIT_SOURCE, source);
    }

    /** Changes the stored source as a user would. */
    private void editSource(Consumer<ObjectNode> change) {
        ObjectNode source = registry.get(ResourceTypes.GIT_SOURCE, "default", "apps").orElseThrow();
        change.accept(source);
        registry.update(ResourceTypes.GIT_SOURCE, source);
    }

    private GitSourceStatus status() {
        return Json.convert(registry.get(ResourceTypes.GIT_SOURCE, "default", "apps").orElseThrow(), GitSource.class).status();
    }

    private static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: \"" + value + "\"\n";
    }

    private static final ManagedRef ONE = new ManagedRef("v1", "ConfigMap", "default", "one");
    private static final ManagedRef TWO = new ManagedRef("v1", "ConfigMap", "default", "two");

    @Test
    void theFirstReconcileSyncsAndRecordsCommitInventoryAndHistory() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1")).write("deploy/two.yaml", configMap("two", "2"));
        String commit = repo.commit("two config maps");
        addSource("");
        Result result = controller.reconcile(KEY);
        assertThat(result.requeueAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(cluster.calls).containsExactlyInAnyOrder("created " + ONE, "created " + TWO);
        GitSourceStatus status = status();
        assertThat(status.sync()).isEqualTo("Synced");
        assertThat(status.health()).isEqualTo("Healthy");
        assertThat(status.lastAppliedCommit()).isEqualTo(commit);
        assertThat(status.inventory()).hasSize(2);
        assertThat(status.history()).singleElement().satisfies(h -> {
            assertThat(h.commit()).isEqualTo(commit);
            assertThat(h.message()).isEqualTo("two config maps");
            assertThat(h.result()).isEqualTo("Succeeded");
        });
        assertThat(events()).containsExactly("Synced: Synced commit " + commit.substring(0, 12) + ": created 2");
    }

    @Test
    void anIntervalThatFindsTheAppliedCommitWritesNothing() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        addSource("");
        controller.reconcile(KEY);
        cluster.calls.clear();
        registry.clearRecords();

        for (int poll = 1; poll <= 3; poll++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(controller.reconcile(KEY).requeueAfter()).isEqualTo(Duration.ofMinutes(1));
        }

        assertThat(cluster.calls).isEmpty();
        assertThat(registry.writes()).as("status writes").isEmpty();
        assertThat(events()).isEmpty();
        assertThat(status().history()).hasSize(1);
        assertThat(status().sync()).isEqualTo("Synced");
    }

    @Test
    void aRequestedSyncOfTheAppliedCommitRecordsItsTimeAndAnEventButNoHistory() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        String commit = repo.commit("one");
        addSource("");
        controller.reconcile(KEY);
        String before = status().lastSyncTime();
        registry.clearRecords();
        clock.advance(Duration.ofSeconds(5));

        editSource(source -> source.withObjectProperty("metadata").withObjectProperty("annotations")
                .put(Ownership.SYNC_REQUEST_ANNOTATION, "now"));
        controller.reconcile(KEY);

        assertThat(status().lastSyncTime()).isNotEqualTo(before);
        assertThat(events()).containsExactly("Synced: Synced commit " + commit.substring(0, 12) + ": unchanged 1");
        assertThat(status().history()).hasSize(1);
        assertThat(cluster.calls).doesNotContain("configured " + ONE);
    }

    @Test
    void anSshSourceWhoseSecretLacksKnownHostsFailsNamingTheSecretAndTheKey() throws Exception {
        registry.seed(ResourceTypes.SECRET, (ObjectNode) Json.tree(Secret.of(ObjectMeta.of("default", "git-ssh"), Map.of("ssh-privatekey",
                Base64.getEncoder().encodeToString("-----BEGIN OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.UTF_8))))));
        addSource(",'secretRef':{'name':'git-ssh'}");
        editSource(source -> source.withObjectProperty("spec").put("url", "git@git.example.test:acme/deploy.git"));
        controller.reconcile(KEY);
        GitSourceStatus status = status();
        assertThat(status.sync()).isEqualTo("Failed");
        assertThat(status.message()).startsWith("spec.secretRef: Secret \"git-ssh\" has no \"known_hosts\" key")
                .doesNotContain("PRIVATE KEY");
        assertThat(events()).singleElement().asString().startsWith("FetchFailed: spec.secretRef:");
        assertThat(cluster.calls).isEmpty();
    }

    @Test
    void aCacheThatLagsBehindTheStatusWriteDoesNotSyncTwice() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        ObjectNode before = addSource("");
        controller.reconcile(KEY);
        lagging = before;
        cluster.calls.clear();
        registry.clearRecords();
        assertThatThrownBy(() -> controller.reconcile(KEY)).as("the status written from the stale view is refused")
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isConflict()).isTrue());
        assertThat(events()).isEmpty();
        assertThat(cluster.calls).isEmpty();
        assertThat(status().lastAppliedCommit()).as("the stored status is the first reconcile's").isNotNull();

        lagging = null;
        controller.reconcile(KEY);
        assertThat(events()).isEmpty();
        assertThat(cluster.calls).isEmpty();
    }

    @Test
    void driftIsRevertedBetweenSyncsWhenSelfHealIsOn() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        addSource("");
        controller.reconcile(KEY);
        cluster.calls.clear();
        cluster.changeByHand(ONE, "changed by hand");
        clock.advance(Duration.ofSeconds(5));
        Result result = controller.reconcile(KEY);
        assertThat(cluster.calls).containsExactly("configured " + ONE);
        assertThat(cluster.value(ONE)).isEqualTo("1");
        assertThat(result.requeueAfter()).isEqualTo(Duration.ofSeconds(55));
        assertThat(events()).last().asString().startsWith("SelfHealed: reverted changes made outside Git");
    }

    @Test
    void aFailedNewerCommitStaysFailedWithItsReasonWhileTheAppliedOneIsStillHealed() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        addSource("");
        controller.reconcile(KEY);
        repo.write("deploy/one.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  value: [1, 2]\n");
        String bad = repo.commit("bad");
        clock.advance(Duration.ofMinutes(1));
        controller.reconcile(KEY);
        GitSourceStatus failed = status();
        assertThat(failed.sync()).isEqualTo("Failed");
        assertThat(failed.message()).contains(bad.substring(0, 12), "one.yaml");

        cluster.changeByHand(ONE, "changed by hand");
        clock.advance(Duration.ofSeconds(5));
        controller.reconcile(KEY);
        assertThat(cluster.value(ONE)).isEqualTo("1");
        assertThat(status().sync()).isEqualTo("Failed");
        assertThat(status().message()).isEqualTo(failed.message());
    }

    @Test
    void driftIsReportedAsOutOfSyncWhenSelfHealIsOff() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        addSource(",'selfHeal':false");
        controller.reconcile(KEY);
        cluster.calls.clear();
        cluster.changeByHand(ONE, "changed by hand");
        controller.reconcile(KEY);
        assertThat(cluster.calls).isEmpty();
        assertThat(status().sync()).isEqualTo("OutOfSync");
        assertThat(status().message()).contains("ConfigMap default/one would be configured");
    }

    @Test
    void theNextIntervalAppliesTheNewCommitAndPrunesDeletedFiles() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1")).write("deploy/two.yaml", configMap("two", "2"));
        repo.commit("both");
        addSource("");
        controller.reconcile(KEY);
        repo.remove("deploy/two.yaml").write("deploy/one.yaml", configMap("one", "1b"));
        String second = repo.commit("drop two, change one");
        cluster.calls.clear();
        clock.advance(Duration.ofMinutes(1));
        controller.reconcile(KEY);
        assertThat(cluster.calls).containsExactly("configured " + ONE, "deleted " + TWO);
        assertThat(status().lastAppliedCommit()).isEqualTo(second);
        assertThat(status().inventory()).hasSize(1);
        assertThat(status().history()).hasSize(2);
    }

    @Test
    void aBadCommitChangesNothingAndTheNextCommitSupersedesIt() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        String good = repo.commit("good");
        addSource("");
        controller.reconcile(KEY);
        repo.write("deploy/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n")
                .write("deploy/one.yaml", configMap("one", "2"));
        String bad = repo.commit("bad");
        cluster.calls.clear();
        editSource(source -> source.withObjectProperty("metadata").withObjectProperty("annotations")
                .put(Ownership.SYNC_REQUEST_ANNOTATION, "1"));
        controller.reconcile(KEY);
        assertThat(cluster.calls).isEmpty();
        GitSourceStatus failed = status();
        assertThat(failed.sync()).isEqualTo("Failed");
        assertThat(failed.lastAttemptedCommit()).isEqualTo(bad);
        assertThat(failed.lastAppliedCommit()).isEqualTo(good);
        assertThat(failed.message()).contains("deploy/bad.yaml:4:9: ConfigMap \"Bad_Name\": metadata.name: invalid value");
        repo.remove("deploy/bad.yaml");
        String fixed = repo.commit("fix");
        clock.advance(Duration.ofMinutes(1));
        controller.reconcile(KEY);
        assertThat(cluster.calls).containsExactly("configured " + ONE);
        assertThat(status().lastAppliedCommit()).isEqualTo(fixed);
        assertThat(status().sync()).isEqualTo("Synced");
    }

    @Test
    void aSuspendedSourceDoesNotSync() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        addSource(",'suspend':true");
        assertThat(controller.reconcile(KEY)).isEqualTo(Result.done());
        assertThat(cluster.calls).isEmpty();
        assertThat(status().health()).isEqualTo("Suspended");
    }

    @Test
    void aSourceWaitsForItsDependencies() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        addSource(",'dependsOn':[{'name':'infra'}]");
        assertThat(controller.reconcile(KEY).requeueAfter()).isEqualTo(GitSourceController.WAIT_FOR_DEPENDENCIES);
        assertThat(cluster.calls).isEmpty();
        assertThat(status().message()).isEqualTo("waiting for GitSource default/infra (not found)");
    }

    @Test
    void anUnreachableRepositoryIsReportedAndRetriedSoon() throws Exception {
        addSource("");
        editSource(source -> source.withObjectProperty("spec").put("url", temp.resolve("nowhere").toUri().toString()));
        Result result = controller.reconcile(KEY);
        assertThat(result.requeueAfter()).isEqualTo(GitSourceController.FETCH_RETRY);
        assertThat(status().sync()).isEqualTo("Failed");
        assertThat(events()).singleElement().asString().startsWith("FetchFailed: fetch of ");
    }

    @Test
    void aServerRefusalFailsTheSyncForBackoff() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        addSource("");
        cluster.applyRefusals.put("one", "admission denied");
        Result result = controller.reconcile(KEY);
        assertThat(result.requeueAfter()).isEqualTo(GitSourceController.FIRST_APPLY_RETRY);
        assertThat(status().sync()).isEqualTo("Failed");
        assertThat(status().objects()).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo("Failed"));
        assertThat(events()).last().asString().startsWith("SyncFailed: ").contains("admission denied", "attempt 1");
    }

    @Test
    void aCommitThatFailsPartwayIsRetriedWithBackoffAndNeverHealedBackToTheOlderOne() throws Exception {
        repo.write("deploy/one.yaml", configMap("one", "1"));
        repo.commit("one");
        addSource("");
        controller.reconcile(KEY);
        repo.write("deploy/one.yaml", configMap("one", "2")).write("deploy/two.yaml", configMap("two", "2"))
                .write("deploy/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n"
                        + "  ports:\n  - port: 80\n");
        repo.commit("two, and a service the server refuses");
        cluster.applyRefusals.put("svc", "provided port is already allocated");
        clock.advance(Duration.ofMinutes(1));

        assertThat(controller.reconcile(KEY).requeueAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(status().sync()).isEqualTo("Failed");
        for (int change = 0; change < 4; change++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(controller.reconcile(KEY).requeueAfter()).isEqualTo(Duration.ofSeconds(4 - change));
            assertThat(cluster.value(ONE)).isEqualTo("2");
            assertThat(cluster.ops().get(TWO)).isPresent();
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(controller.reconcile(KEY).requeueAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(events()).last().asString().contains("attempt 2");

        cluster.applyRefusals.clear();
        clock.advance(Duration.ofSeconds(10));
        controller.reconcile(KEY);
        assertThat(status().sync()).isEqualTo("Synced");
        assertThat(cluster.ops().get(new ManagedRef("v1", "Service", "default", "svc"))).isPresent();
        assertThat(cluster.calls).noneMatch(call -> call.startsWith("deleted"));
        assertThat(cluster.value(ONE)).isEqualTo("2");
    }

    @Test
    void applyRetriesDoubleUpToTheIntervalAndFiveMinutes() {
        assertThat(GitSourceController.applyRetry(1, Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(GitSourceController.applyRetry(3, Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(20));
        assertThat(GitSourceController.applyRetry(12, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(5));
        assertThat(GitSourceController.applyRetry(4, Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(15));
        assertThat(GitSourceController.applyRetry(200, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
    }
}
