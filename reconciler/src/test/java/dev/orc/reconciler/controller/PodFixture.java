package dev.orc.reconciler.controller;

import dev.orc.api.meta.ControllerRefs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Timestamps;

import java.time.Instant;

/** Pods for controller tests, built fluently: {@code pod("web-1").ownedBy(rs).node("n1").ready(t)}. */
public final class PodFixture {
    private final ObjectNode pod = Json.object();

    private PodFixture(String name) {
        pod.put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("namespace", "default").put("name", name).put("uid", "uid-" + name)
                .putObject("labels").put("app", "web");
        pod.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx:1");
        pod.putObject("status").put("phase", "Pending");
    }

    public static PodFixture pod(String name) {
        return new PodFixture(name);
    }

    public PodFixture labels(String key, String value) {
        ObjectNode labels = pod.withObjectProperty("metadata").putObject("labels");
        labels.put(key, value);
        return this;
    }

    public PodFixture ownedBy(JsonNode owner) {
        pod.withObjectProperty("metadata").withArrayProperty("ownerReferences").add(ControllerRefs.reference(owner));
        return this;
    }

    public PodFixture node(String node) {
        pod.withObjectProperty("spec").put("nodeName", node);
        return this;
    }

    public PodFixture phase(String phase) {
        pod.withObjectProperty("status").put("phase", phase);
        return this;
    }

    public PodFixture created(Instant at) {
        pod.withObjectProperty("metadata").put("creationTimestamp", Timestamps.format(at));
        return this;
    }

    public PodFixture deleting(Instant at) {
        pod.withObjectProperty("metadata").put("deletionTimestamp", Timestamps.format(at));
        return this;
    }

    public PodFixture annotation(String key, String value) {
        pod.withObjectProperty("metadata").withObjectProperty("annotations").put(key, value);
        return this;
    }

    /** Running, and Ready since {@code since}. */
    public PodFixture ready(Instant since) {
        node(pod.path("spec").path("nodeName").asText("node-1"));
        ObjectNode status = pod.withObjectProperty("status").put("phase", "Running");
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("lastTransitionTime", Timestamps.format(since));
        return this;
    }

    public PodFixture restarts(int count) {
        pod.withObjectProperty("status").putArray("containerStatuses").addObject().put("name", "web")
                .put("ready", false).put("restartCount", count);
        return this;
    }

    public ObjectNode build() {
        return pod.deepCopy();
    }
}
