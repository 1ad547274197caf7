package dev.orc.reconciler.controller.deployment;

import dev.orc.api.apps.DeploymentRollback;
import dev.orc.api.apps.DeploymentAnnotations;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.orc.reconciler.controller.deployment.DeploymentFixture.deployment;
import static dev.orc.reconciler.controller.deployment.DeploymentFixture.withAnnotation;
import static dev.orc.reconciler.controller.deployment.DeploymentFixture.withImage;
import static dev.orc.reconciler.controller.deployment.DeploymentFixture.withPaused;
import static dev.orc.reconciler.controller.deployment.RolloutSimulation.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollbackTest {
    private static final String REVISION = "/metadata/annotations/deployment.kubernetes.io~1revision";
    private final RolloutSimulation sim = new RolloutSimulation();

    @AfterEach
    void close() {
        sim.close();
    }

    private void rollOut(String image, String cause) {
        sim.apply(withAnnotation(withImage(sim.deployment(), image), DeploymentAnnotations.CHANGE_CAUSE, cause));
        sim.settle(30);
    }

    private ObjectNode replicaSetOf(String image) {
        return sim.replicaSets().stream().filter(rs -> image(rs).equals(image)).findFirst().orElseThrow();
    }

    @Test
    void undoReturnsToThePreviousTemplateWhoseReplicaSetBecomesTheNewestRevision() {
        sim.cluster.seed(ResourceTypes.DEPLOYMENT, withAnnotation(deployment("web").replicas(2).build(),
                DeploymentAnnotations.CHANGE_CAUSE, "first"));
        sim.settle(30);
        rollOut("nginx:2", "second");
        String firstName = replicaSetOf("nginx:1").at("/metadata/name").asText();

        DeploymentRollback.Result undo = DeploymentRollback.to(sim.deployment(), sim.replicaSets(), 0);
        sim.apply(undo.deployment());
        sim.settle(30);

        assertThat(undo.revision()).isEqualTo(1);
        assertThat(undo.alreadyCurrent()).isFalse();
        assertThat(sim.replicaSets()).hasSize(2);
        ObjectNode back = replicaSetOf("nginx:1");
        assertThat(back.at("/metadata/name").asText()).isEqualTo(firstName);
        assertThat(back.at(REVISION).asText()).isEqualTo("3");
        assertThat(back.at("/metadata/annotations/deployment.kubernetes.io~1revision-history").asText()).isEqualTo("1");
        assertThat(back.at("/metadata/annotations/kubernetes.io~1change-cause").asText()).isEqualTo("first");
        assertThat(replicaSetOf("nginx:2").at(REVISION).asText()).isEqualTo("2");
        assertThat(sim.deployment().at(REVISION).asText()).isEqualTo("3");
        assertThat(sim.pods()).hasSize(2).allMatch(p -> image(p).equals("nginx:1"));
    }

    @Test
    void undoToARevisionTakesThatTemplateWithoutItsHashLabel() {
        sim.cluster.seed(ResourceTypes.DEPLOYMENT, deployment("web").build());
        sim.settle(30);
        rollOut("nginx:2", "second");
        rollOut("nginx:3", "third");

        DeploymentRollback.Result undo = DeploymentRollback.to(sim.deployment(), sim.replicaSets(), 2);

        assertThat(image(undo.deployment())).isEqualTo("nginx:2");
        assertThat(undo.deployment().at("/spec/template/metadata/labels").properties()).extracting(e -> e.getKey())
                .containsExactly("app");
        assertThat(undo.deployment().at("/metadata/annotations/kubernetes.io~1change-cause").asText()).isEqualTo("second");
    }

    @Test
    void undoNamesAMissingRevisionAndRefusesAPausedDeployment() {
        sim.cluster.seed(ResourceTypes.DEPLOYMENT, deployment("web").build());
        sim.settle(30);

        assertThatThrownBy(() -> DeploymentRollback.to(sim.deployment(), sim.replicaSets(), 7))
                .hasMessage("unable to find specified revision 7 in history of deployment \"web\"");
        assertThatThrownBy(() -> DeploymentRollback.to(withPaused(sim.deployment(), true), sim.replicaSets(), 0))
                .hasMessageContaining("resume it first");
    }

    @Test
    void undoToTheCurrentRevisionSaysSo() {
        sim.cluster.seed(ResourceTypes.DEPLOYMENT, deployment("web").build());
        sim.settle(30);
        rollOut("nginx:2", "second");

        assertThat(DeploymentRollback.to(sim.deployment(), sim.replicaSets(), 2).alreadyCurrent()).isTrue();
    }
}
