package dev.orc.api.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.Optional;

import static dev.orc.api.model.Trees.absent;
import static dev.orc.api.model.Trees.fill;
import static dev.orc.api.model.Trees.ifObject;
import static dev.orc.api.model.Trees.objectAt;
import static dev.orc.api.model.Trees.objectsIn;

/**
 * Applies Kubernetes' defaults to an object's JSON tree, as the API server does on every write.
 * Only absent (or null) fields are filled, so defaulting is idempotent and never changes what a
 * user wrote; existing keys keep their order and new ones follow them. Fields of the wrong type
 * are left alone for validation to report. Kinds orc does not serve come back unchanged.
 */
public final class Defaults {
    public static final String DEFAULT_NAMESPACE = "default";

    private Defaults() {
    }

    /** A defaulted deep copy of {@code object}; the argument is not modified. */
    public static ObjectNode apply(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        Optional<ResourceType> type = ResourceTypes.byApiVersionAndKind(
                String.valueOf(Trees.text(copy, "apiVersion")), String.valueOf(Trees.text(copy, "kind")));
        if (type.isEmpty()) {
            return copy;
        }
        if (type.get().namespaced()) {
            ifObject(copy, "metadata", meta -> {
                if (absent(meta, "namespace") || "".equals(Trees.text(meta, "namespace"))) {
                    meta.put("namespace", DEFAULT_NAMESPACE);
                }
            });
        }
        switch (type.get().kind()) {
            case Pod.KIND -> ifObject(copy, "spec", spec -> PodDefaults.podSpec(spec, PodSpec.RESTART_ALWAYS));
            case Deployment.KIND -> ifObject(copy, "spec", Defaults::deployment);
            case ReplicaSet.KIND -> ifObject(copy, "spec", spec -> {
                fill(spec, "replicas", 1);
                template(spec, PodSpec.RESTART_ALWAYS);
            });
            case DaemonSet.KIND -> ifObject(copy, "spec", Defaults::daemonSet);
            case StatefulSet.KIND -> ifObject(copy, "spec", Defaults::statefulSet);
            case PersistentVolumeClaim.KIND -> ifObject(copy, "spec", Defaults::claim);
            case Job.KIND -> ifObject(copy, "spec", Defaults::job);
            case CronJob.KIND -> ifObject(copy, "spec", Defaults::cronJob);
            case Service.KIND -> ifObject(copy, "spec", Defaults::service);
            case Endpoints.KIND -> objectsIn(copy, "subsets")
                    .forEach(subset -> objectsIn(subset, "ports").forEach(port -> fill(port, "protocol", "TCP")));
            case Secret.KIND -> fill(copy, "type", Secret.OPAQUE);
            case GitSource.KIND -> ifObject(copy, "spec", Defaults::gitSource);
            default -> {
            }
        }
        return copy;
    }

    /** The pull policy Kubernetes gives a container with this image and none set. */
    public static String imagePullPolicy(String image) {
        return PodDefaults.imagePullPolicy(image);
    }

    private static void deployment(ObjectNode spec) {
        fill(spec, "replicas", 1);
        ObjectNode strategy = objectAt(spec, "strategy");
        if (strategy != null) {
            fill(strategy, "type", UpdateStrategy.ROLLING_UPDATE);
            if (UpdateStrategy.ROLLING_UPDATE.equals(Trees.text(strategy, "type"))) {
                ObjectNode rolling = objectAt(strategy, "rollingUpdate");
                if (rolling != null) {
                    fill(rolling, "maxUnavailable", "25%");
                    fill(rolling, "maxSurge", "25%");
                }
            }
        }
        fill(spec, "revisionHistoryLimit", 10);
        fill(spec, "progressDeadlineSeconds", 600);
        template(spec, PodSpec.RESTART_ALWAYS);
    }

    private static void daemonSet(ObjectNode spec) {
        ObjectNode strategy = objectAt(spec, "updateStrategy");
        if (strategy != null) {
            fill(strategy, "type", UpdateStrategy.ROLLING_UPDATE);
            if (UpdateStrategy.ROLLING_UPDATE.equals(Trees.text(strategy, "type"))) {
                ObjectNode rolling = objectAt(strategy, "rollingUpdate");
                if (rolling != null) {
                    fill(rolling, "maxUnavailable", 1);
                    fill(rolling, "maxSurge", 0);
                }
            }
        }
        fill(spec, "revisionHistoryLimit", 10);
        template(spec, PodSpec.RESTART_ALWAYS);
    }

    /** As Kubernetes: one replica, OrderedReady, a rolling update from partition 0, claims retained. */
    private static void statefulSet(ObjectNode spec) {
        fill(spec, "replicas", 1);
        fill(spec, "podManagementPolicy", StatefulSetSpec.ORDERED_READY);
        ObjectNode strategy = objectAt(spec, "updateStrategy");
        if (strategy != null) {
            fill(strategy, "type", StatefulSetUpdateStrategy.ROLLING_UPDATE);
            if (StatefulSetUpdateStrategy.ROLLING_UPDATE.equals(Trees.text(strategy, "type"))) {
                ObjectNode rolling = objectAt(strategy, "rollingUpdate");
                if (rolling != null) {
                    fill(rolling, "partition", 0);
                }
            }
        }
        fill(spec, "revisionHistoryLimit", 10);
        ObjectNode retention = objectAt(spec, "persistentVolumeClaimRetentionPolicy");
        if (retention != null) {
            fill(retention, "whenDeleted", StatefulSetSpec.RetentionPolicy.RETAIN);
            fill(retention, "whenScaled", StatefulSetSpec.RetentionPolicy.RETAIN);
        }
        objectsIn(spec, "volumeClaimTemplates").forEach(claim -> ifObject(claim, "spec", Defaults::claim));
        template(spec, PodSpec.RESTART_ALWAYS);
    }

    private static void claim(ObjectNode spec) {
        fill(spec, "volumeMode", PersistentVolumeClaimSpec.FILESYSTEM);
    }

    /** As Kubernetes: with neither given, one pod to completion; with only completions, one at a time. */
    private static void job(ObjectNode spec) {
        if (absent(spec, "completions") && absent(spec, "parallelism")) {
            spec.put("completions", 1);
        }
        fill(spec, "parallelism", 1);
        fill(spec, "backoffLimit", 6);
        fill(spec, "completionMode", JobSpec.NON_INDEXED);
        fill(spec, "suspend", false);
        template(spec, null);
    }

    /** As Kubernetes: the Job template's pod spec is defaulted, its Job fields only when a Job is made from it. */
    private static void cronJob(ObjectNode spec) {
        fill(spec, "concurrencyPolicy", CronJobSpec.ALLOW);
        fill(spec, "suspend", false);
        fill(spec, "successfulJobsHistoryLimit", CronJobSpec.DEFAULT_SUCCESSFUL_HISTORY);
        fill(spec, "failedJobsHistoryLimit", CronJobSpec.DEFAULT_FAILED_HISTORY);
        ifObject(spec, "jobTemplate", jobTemplate -> ifObject(jobTemplate, "spec", jobSpec -> template(jobSpec, null)));
    }

    private static void template(ObjectNode spec, String restartPolicy) {
        ifObject(spec, "template", template -> ifObject(template, "spec",
                podSpec -> PodDefaults.podSpec(podSpec, restartPolicy)));
    }

    private static void service(ObjectNode spec) {
        fill(spec, "type", ServiceSpec.CLUSTER_IP);
        fill(spec, "sessionAffinity", ServiceSpec.AFFINITY_NONE);
        if (ServiceSpec.AFFINITY_CLIENT_IP.equals(Trees.text(spec, "sessionAffinity"))) {
            ObjectNode config = objectAt(spec, "sessionAffinityConfig");
            ObjectNode clientIP = config == null ? null : objectAt(config, "clientIP");
            if (clientIP != null) {
                fill(clientIP, "timeoutSeconds", 10800);
            }
        }
        for (ObjectNode port : objectsIn(spec, "ports")) {
            fill(port, "protocol", "TCP");
            boolean unset = absent(port, "targetPort")
                    || (port.get("targetPort").isIntegralNumber() && port.get("targetPort").intValue() == 0)
                    || "".equals(Trees.text(port, "targetPort"));
            if (unset && !absent(port, "port")) {
                port.set("targetPort", port.get("port").deepCopy());
            }
        }
    }

    private static void gitSource(ObjectNode spec) {
        fill(spec, "path", "");
        fill(spec, "interval", GitSourceSpec.DEFAULT_INTERVAL);
        fill(spec, "prune", true);
        fill(spec, "selfHeal", true);
        fill(spec, "suspend", false);
    }
}
