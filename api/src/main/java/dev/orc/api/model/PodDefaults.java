package dev.orc.api.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static dev.orc.api.model.Trees.fill;
import static dev.orc.api.model.Trees.ifObject;
import static dev.orc.api.model.Trees.objectsIn;

/** Kubernetes' defaults for a pod spec, wherever it appears (a Pod, or a workload's template). */
final class PodDefaults {
    private static final int DEFAULT_FILE_MODE = 0644;

    private PodDefaults() {
    }

    /** @param restartPolicy the default restart policy, or null where none is given (Job templates must set it) */
    static void podSpec(ObjectNode spec, String restartPolicy) {
        if (restartPolicy != null) {
            fill(spec, "restartPolicy", restartPolicy);
        }
        fill(spec, "terminationGracePeriodSeconds", 30);
        for (String list : List.of("initContainers", "containers")) {
            objectsIn(spec, list).forEach(PodDefaults::container);
        }
        for (ObjectNode volume : objectsIn(spec, "volumes")) {
            ifObject(volume, "configMap", source -> fill(source, "defaultMode", DEFAULT_FILE_MODE));
            ifObject(volume, "secret", source -> fill(source, "defaultMode", DEFAULT_FILE_MODE));
        }
    }

    private static void container(ObjectNode container) {
        String image = Trees.text(container, "image");
        if (image != null && !image.isBlank()) {
            fill(container, "imagePullPolicy", imagePullPolicy(image));
        }
        objectsIn(container, "ports").forEach(port -> fill(port, "protocol", "TCP"));
        for (ObjectNode env : objectsIn(container, "env")) {
            ifObject(env, "valueFrom", from -> ifObject(from, "fieldRef", ref -> fill(ref, "apiVersion", "v1")));
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            ifObject(container, probe, PodDefaults::probe);
        }
    }

    private static void probe(ObjectNode probe) {
        ifObject(probe, "httpGet", get -> {
            fill(get, "path", "/");
            fill(get, "scheme", "HTTP");
        });
        fill(probe, "timeoutSeconds", 1);
        fill(probe, "periodSeconds", 10);
        fill(probe, "successThreshold", 1);
        fill(probe, "failureThreshold", 3);
    }

    /**
     * {@code Always} for an image tagged {@code latest} or not tagged at all, {@code IfNotPresent}
     * otherwise. The tag is after a colon in the last path component, so a registry port
     * ({@code host:5000/img}) is not a tag; an image pinned by digest alone is not "latest".
     */
    static String imagePullPolicy(String image) {
        int at = image.indexOf('@');
        String name = at >= 0 ? image.substring(0, at) : image;
        String last = name.substring(name.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        String tag = colon >= 0 ? last.substring(colon + 1) : (at >= 0 ? "" : "latest");
        return tag.equals("latest") ? Container.PULL_ALWAYS : Container.PULL_IF_NOT_PRESENT;
    }
}
