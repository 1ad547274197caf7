package dev.orc.reconciler.gitops;

import dev.orc.api.gitops.Ownership;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apply.LastApplied;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SyncPlannerTest {
    private static final String SOURCE = "default/apps";

    private static ObjectNode object(String apiVersion, String kind, String name) {
        ObjectNode object = Json.object();
        object.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = object.putObject("metadata").put("name", name);
        if (!kind.equals("Namespace")) {
            metadata.put("namespace", "default");
        }
        return object;
    }

    /** The live object as the server holds it after this source applied {@code applied}. */
    private static ObjectNode liveAfterApply(ObjectNode applied, String source) {
        ObjectNode marked = applied.deepCopy();
        Ownership.mark(marked, source);
        ObjectNode live = LastApplied.annotate(marked);
        ((ObjectNode) live.get("metadata")).put("uid", "u-1").put("resourceVersion", "42");
        return live;
    }

    private static List<String> summary(SyncPlan plan) {
        return plan.actions().stream().map(a -> a.verb() + " " + a.ref()).toList();
    }

    @Test
    void createsInDependencyOrder() {
        List<ObjectNode> desired = List.of(object("apps/v1", "Deployment", "web"), object("v1", "Service", "web"),
                object("v1", "ConfigMap", "conf"), object("v1", "Namespace", "team"));
        SyncPlan plan = SyncPlanner.plan(SOURCE, desired, Map.of(), Set.of(), true, "c1");
        assertThat(summary(plan)).containsExactly("created Namespace team", "created ConfigMap default/conf",
                "created Service default/web", "created Deployment default/web");
        ObjectNode created = plan.actions().get(3).desired();
        assertThat(Ownership.owner(created)).contains(SOURCE);
        assertThat(created.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("orc-gitops");
    }

    @Test
    void steadyStateDoesNothing() {
        ObjectNode conf = object("v1", "ConfigMap", "conf");
        conf.putObject("data").put("a", "1");
        ObjectNode live = liveAfterApply(conf, SOURCE);
        SyncPlan plan = SyncPlanner.plan(SOURCE, List.of(conf), Map.of(ManagedRef.of(live), live),
                Set.of(ManagedRef.of(live)), true, "c1");
        assertThat(summary(plan)).containsExactly("unchanged ConfigMap default/conf");
        assertThat(plan.changesSomething()).isFalse();
    }

    @Test
    void updatesChangedObjectsAndRemovesFieldsDeletedInGit() {
        ObjectNode before = object("v1", "ConfigMap", "conf");
        before.putObject("data").put("a", "1").put("b", "2");
        ObjectNode live = liveAfterApply(before, SOURCE);
        ObjectNode after = object("v1", "ConfigMap", "conf");
        after.putObject("data").put("a", "1");
        SyncPlan plan = SyncPlanner.plan(SOURCE, List.of(after), Map.of(ManagedRef.of(live), live), Set.of(), true, "c1");
        assertThat(summary(plan)).containsExactly("configured ConfigMap default/conf");
        assertThat(plan.actions().get(0).patch().at("/data").toString()).isEqualTo("{\"b\":null}");
    }

    @Test
    void prunesOnlyWhatItOwnsAndGitNoLongerHas() {
        ObjectNode keep = object("v1", "ConfigMap", "keep");
        ObjectNode gone = liveAfterApply(object("apps/v1", "Deployment", "old"), SOURCE);
        ObjectNode goneService = liveAfterApply(object("v1", "Service", "old"), SOURCE);
        ObjectNode foreign = liveAfterApply(object("v1", "Secret", "theirs"), "default/other");
        Map<ManagedRef, ObjectNode> live = new HashMap<>();
        for (ObjectNode o : List.of(gone, goneService, foreign)) {
            live.put(ManagedRef.of(o), o);
        }
        Set<ManagedRef> inventory = Set.of(ManagedRef.of(gone), ManagedRef.of(goneService), ManagedRef.of(foreign),
                new ManagedRef("v1", "ConfigMap", "default", "already-deleted"));
        SyncPlan plan = SyncPlanner.plan(SOURCE, List.of(keep), live, inventory, true, "c1");
        assertThat(summary(plan)).containsExactly("created ConfigMap default/keep",
                "pruned Deployment default/old", "pruned Service default/old");
        assertThat(summary(SyncPlanner.plan(SOURCE, List.of(keep), live, inventory, false, "c1")))
                .containsExactly("created ConfigMap default/keep");
    }

    @Test
    void aPinnedObjectIsLeftAloneUntilANewCommitArrives() {
        ObjectNode applied = object("apps/v1", "Deployment", "web");
        applied.putObject("spec").put("replicas", 3);
        ObjectNode live = liveAfterApply(applied, SOURCE);
        ((ObjectNode) live.at("/metadata/annotations")).put(Ownership.PIN_ANNOTATION, "c1");
        ((ObjectNode) live.get("spec")).put("replicas", 1);
        Map<ManagedRef, ObjectNode> liveMap = Map.of(ManagedRef.of(live), live);
        assertThat(summary(SyncPlanner.plan(SOURCE, List.of(applied), liveMap, Set.of(), true, "c1")))
                .containsExactly("unchanged Deployment default/web");
        SyncPlan next = SyncPlanner.plan(SOURCE, List.of(applied), liveMap, Set.of(), true, "c2");
        assertThat(summary(next)).containsExactly("configured Deployment default/web");
        assertThat(next.actions().get(0).patch().toString())
                .isEqualTo("{\"spec\":{\"replicas\":3},\"metadata\":{\"annotations\":{\"orc.dev/pinned-commit\":null}}}");
    }

    @Test
    void anObjectOwnedByAnotherSourceIsAConflictNotATugOfWar() {
        ObjectNode theirs = liveAfterApply(object("v1", "ConfigMap", "shared"), "default/other");
        SyncPlan plan = SyncPlanner.plan(SOURCE, List.of(object("v1", "ConfigMap", "shared")),
                Map.of(ManagedRef.of(theirs), theirs), Set.of(), true, "c1");
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.conflicts()).extracting(SyncPlan.Conflict::toString)
                .containsExactly("ConfigMap default/shared is managed by GitSource default/other");
    }

    @Test
    void anObjectNobodyManagesIsLeftAloneUnlessItsOwnerMarkedItForAdoption() {
        ObjectNode handMade = object("v1", "ConfigMap", "settings");
        SyncPlan plan = SyncPlanner.plan(SOURCE, List.of(object("v1", "ConfigMap", "settings")),
                Map.of(ManagedRef.of(handMade), handMade), Set.of(), true, "c1");
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.conflicts()).extracting(SyncPlan.Conflict::toString).containsExactly("ConfigMap default/settings"
                + " already exists and no GitSource manages it: annotate it orc.dev/adopt=true to let GitSource "
                + SOURCE + " take it over");

        ObjectNode marked = handMade.deepCopy();
        ((ObjectNode) marked.path("metadata")).putObject("annotations").put(Ownership.ADOPT_ANNOTATION, "true");
        SyncPlan adopted = SyncPlanner.plan(SOURCE, List.of(object("v1", "ConfigMap", "settings")),
                Map.of(ManagedRef.of(marked), marked), Set.of(), true, "c1");
        assertThat(adopted.conflicts()).isEmpty();
        assertThat(summary(adopted)).containsExactly("configured ConfigMap default/settings");
    }
}
