package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/** Deployments for controller tests: {@code deployment("web").replicas(10).rolling(3, 2).image("nginx:2")}. */
final class DeploymentFixture {
    private final ObjectNode deployment = Json.object();

    private DeploymentFixture(String name) {
        deployment.put("apiVersion", "apps/v1").put("kind", "Deployment");
        deployment.putObject("metadata").put("namespace", "default").put("name", name).put("uid", "uid-" + name);
        ObjectNode spec = deployment.putObject("spec").put("replicas", 1);
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", name);
        template.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx:1");
    }

    static DeploymentFixture deployment(String name) {
        return new DeploymentFixture(name);
    }

    DeploymentFixture replicas(int replicas) {
        spec().put("replicas", replicas);
        return this;
    }

    /** RollingUpdate with integer budgets. */
    DeploymentFixture rolling(int maxSurge, int maxUnavailable) {
        spec().putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate")
                .put("maxSurge", maxSurge).put("maxUnavailable", maxUnavailable);
        return this;
    }

    DeploymentFixture recreate() {
        spec().putObject("strategy").put("type", "Recreate");
        return this;
    }

    DeploymentFixture progressDeadlineSeconds(int seconds) {
        spec().put("progressDeadlineSeconds", seconds);
        return this;
    }

    DeploymentFixture revisionHistoryLimit(int limit) {
        spec().put("revisionHistoryLimit", limit);
        return this;
    }

    ObjectNode build() {
        return deployment.deepCopy();
    }

    private ObjectNode spec() {
        return deployment.withObjectProperty("spec");
    }

    /** A copy of a stored Deployment with another image (a new template). */
    static ObjectNode withImage(ObjectNode deployment, String image) {
        ObjectNode copy = deployment.deepCopy();
        ((ObjectNode) copy.at("/spec/template/spec/containers/0")).put("image", image);
        return copy;
    }

    static ObjectNode withReplicas(ObjectNode deployment, int replicas) {
        ObjectNode copy = deployment.deepCopy();
        copy.withObjectProperty("spec").put("replicas", replicas);
        return copy;
    }

    static ObjectNode withPaused(ObjectNode deployment, boolean paused) {
        ObjectNode copy = deployment.deepCopy();
        copy.withObjectProperty("spec").put("paused", paused);
        return copy;
    }

    static ObjectNode withAnnotation(ObjectNode deployment, String key, String value) {
        ObjectNode copy = deployment.deepCopy();
        copy.withObjectProperty("metadata").withObjectProperty("annotations").put(key, value);
        return copy;
    }
}
