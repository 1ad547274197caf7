package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apps.DeploymentAnnotations;
import dev.orc.api.apps.PodTemplateHash;
import dev.orc.api.cache.Cached;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static dev.orc.reconciler.controller.deployment.DeploymentFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentPlannerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static RolloutPlan plan(ObjectNode deployment, ObjectNode... replicaSets) {
        return DeploymentPlanner.plan(Cached.of(deployment, Deployment.class), Stream.of(replicaSets).map(rs -> Cached.of(rs, ReplicaSet.class)).toList(),
                List.of(), NOW);
    }

    private static ObjectNode replicaSet(String name, String image) {
        ObjectNode rs = deployment("web").build();
        rs.put("kind", "ReplicaSet");
        rs.withObjectProperty("metadata").put("name", name).put("uid", "uid-" + name)
                .put("creationTimestamp", "2026-01-01T00:00:00Z").putObject("labels").put("app", "web");
        ((ObjectNode) rs.at("/spec/template/spec/containers/0")).put("image", image);
        return rs;
    }

    @Test
    void aNameTakenByAnotherTemplateCountsACollisionAndTheNextHashDiffers() {
        ObjectNode web = deployment("web").build();
        String hash = PodTemplateHash.of(web.at("/spec/template"), null);
        ObjectNode squatter = replicaSet("web-" + hash, "other:1");
        squatter.withObjectProperty("metadata").remove("labels");

        RolloutPlan plan = plan(web, squatter);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().collisionCount()).isEqualTo(1);
        assertThat(PodTemplateHash.of(web.at("/spec/template"), 1)).isNotEqualTo(hash);
    }

    @Test
    void adoptsAnOrphanReplicaSetItsSelectorMatchesAndCreatesNoneForItsOwnTemplate() {
        ObjectNode web = deployment("web").build();
        ObjectNode orphan = replicaSet("web-manual", "nginx:1");

        RolloutPlan plan = plan(web, orphan);

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(RolloutAction.Update.class, update -> {
            assertThat(update.name()).isEqualTo("web-manual");
            assertThat(update.replicaSet().at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("uid-web");
            assertThat(update.replicaSet().at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("1");
        });
    }

    @Test
    void releasesAnOwnedReplicaSetThatNoLongerMatches() {
        ObjectNode web = deployment("web").build();
        ObjectNode relabelled = replicaSet("web-old", "nginx:0");
        relabelled.withObjectProperty("metadata").putObject("labels").put("app", "legacy");
        relabelled.withObjectProperty("metadata").putArray("ownerReferences").addObject().put("apiVersion", "apps/v1")
                .put("kind", "Deployment").put("name", "web").put("uid", "uid-web").put("controller", true);

        RolloutPlan plan = plan(web, relabelled);

        assertThat(plan.actions()).filteredOn(a -> a.name().equals("web-old")).singleElement()
                .isInstanceOfSatisfying(RolloutAction.Update.class, update ->
                        assertThat(update.replicaSet().at("/metadata/ownerReferences").isMissingNode()).isTrue());
        assertThat(plan.actions()).filteredOn(a -> a instanceof RolloutAction.Create).hasSize(1);
    }

    @Test
    void deploymentAnnotationsSuchAsChangeCauseGoToTheNewReplicaSetButNotLastApplied() {
        ObjectNode web = deployment("web").build();
        web.withObjectProperty("metadata").putObject("annotations")
                .put(DeploymentAnnotations.CHANGE_CAUSE, "orc set image web=nginx:1")
                .put(DeploymentAnnotations.LAST_APPLIED, "{}")
                .put("orc.dev/gitsource", "default/repo");

        RolloutPlan plan = plan(web);

        RolloutAction.Create create = (RolloutAction.Create) plan.actions().get(0);
        assertThat(create.replicaSet().at("/metadata/annotations").properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder(DeploymentAnnotations.CHANGE_CAUSE, DeploymentAnnotations.REVISION,
                        DeploymentAnnotations.DESIRED_REPLICAS, DeploymentAnnotations.MAX_REPLICAS);
        assertThat(plan.status().condition("Progressing").orElseThrow().reason()).isEqualTo("NewReplicaSetCreated");
        assertThat(plan.deploymentUpdate().at("/metadata/annotations/deployment.kubernetes.io~1revision").asText())
                .isEqualTo("1");
    }
}
