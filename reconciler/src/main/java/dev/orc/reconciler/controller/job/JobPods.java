package dev.orc.reconciler.controller.job;

import dev.orc.api.meta.ControllerRefs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.ContainerState;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Timestamps;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** The pods a Job runs: named {@code <job>-<suffix>}, labelled as Kubernetes labels them, owned by the Job. */
final class JobPods {
    static final String JOB_NAME = "job-name";
    static final String CONTROLLER_UID = "controller-uid";
    static final String BATCH_JOB_NAME = "batch.kubernetes.io/job-name";
    static final String BATCH_CONTROLLER_UID = "batch.kubernetes.io/controller-uid";

    private JobPods() {
    }

    static ObjectNode from(ObjectNode job) {
        JsonNode metadata = job.path("metadata");
        String name = metadata.path("name").asText();
        String uid = metadata.path("uid").asText();
        JsonNode template = job.path("spec").path("template");
        ObjectNode pod = Json.object();
        pod.put("apiVersion", Pod.API_VERSION);
        pod.put("kind", Pod.KIND);
        ObjectNode podMeta = pod.putObject("metadata");
        podMeta.put("generateName", name + "-");
        podMeta.put("namespace", metadata.path("namespace").asText());
        ObjectNode labels = podMeta.putObject("labels");
        if (template.path("metadata").path("labels") instanceof ObjectNode templateLabels) {
            labels.setAll(templateLabels.deepCopy());
        }
        labels.put(CONTROLLER_UID, uid);
        labels.put(JOB_NAME, name);
        labels.put(BATCH_CONTROLLER_UID, uid);
        labels.put(BATCH_JOB_NAME, name);
        if (template.path("metadata").path("annotations") instanceof ObjectNode annotations) {
            podMeta.set("annotations", annotations.deepCopy());
        }
        podMeta.putArray("ownerReferences").add(ControllerRefs.reference(job));
        pod.set("spec", template.path("spec") instanceof ObjectNode spec ? spec.deepCopy() : Json.object());
        return pod;
    }

    /** When a finished pod finished: its last container's end, else when it stopped being ready, else its creation. */
    static Instant finishedAt(Pod pod) {
        PodStatus status = pod.status();
        if (status != null) {
            Optional<Instant> lastExit = Stream.concat(status.initContainerStatuses().stream(), status.containerStatuses().stream())
                    .map(ContainerStatus::state).filter(Objects::nonNull).map(ContainerState::terminated)
                    .filter(Objects::nonNull).map(ContainerState.Terminated::finishedAt).filter(Objects::nonNull)
                    .map(Timestamps::parse).max(Instant::compareTo);
            if (lastExit.isPresent()) {
                return lastExit.get();
            }
            Optional<Instant> notReady = status.condition(PodStatus.READY).map(Condition::lastTransitionTime)
                    .map(Timestamps::parse);
            if (notReady.isPresent()) {
                return notReady.get();
            }
        }
        return Optional.ofNullable(pod.metadata().creationTimestamp()).map(Timestamps::parse).orElse(Instant.EPOCH);
    }

    /** Container restarts of a pod that is still running, as the OnFailure backoff limit counts them. */
    static int restarts(Pod pod) {
        if (pod.status() == null) {
            return 0;
        }
        return Stream.concat(pod.status().initContainerStatuses().stream(), pod.status().containerStatuses().stream())
                .map(ContainerStatus::restartCount).filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
    }
}
