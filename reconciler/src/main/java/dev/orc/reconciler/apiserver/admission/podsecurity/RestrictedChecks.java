package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the restricted level checks beyond baseline: only the volume types a pod needs no node access for, no
 * privilege escalation, capabilities dropped (ALL) and at most NET_BIND_SERVICE added, running as non-root and not as
 * uid 0, and a RuntimeDefault or Localhost seccomp profile.
 */
final class RestrictedChecks {
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private RestrictedChecks() {
    }

    static void check(JsonNode spec, List<JsonNode> containers, List<Violation> violations) {
        restrictedVolumes(spec, violations);
        PodChecks.perContainer(containers, c -> !c.path("securityContext").path("allowPrivilegeEscalation").isBoolean()
                        || c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(),
                "allowPrivilegeEscalation != false",
                names -> names + " must set securityContext.allowPrivilegeEscalation=false", violations);
        restrictedCapabilities(containers, violations);
        runAsNonRoot(spec, containers, violations);
        runAsUserZero(spec, containers, violations);
        seccompRequired(spec, containers, violations);
    }

    private static void restrictedVolumes(JsonNode spec, List<Violation> violations) {
        List<String> details = new ArrayList<>();
        spec.path("volumes").forEach(volume -> volume.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name") && !RESTRICTED_VOLUMES.contains(field)) {
                details.add("volume " + PodChecks.quote(volume.path("name").asText()) + " uses restricted volume type "
                        + PodChecks.quote(field));
            }
        }));
        if (!details.isEmpty()) {
            violations.add(new Violation("restricted volume types", String.join(", ", details)));
        }
    }

    private static void restrictedCapabilities(List<JsonNode> containers, List<Violation> violations) {
        List<String> details = new ArrayList<>();
        List<String> notDropping = new ArrayList<>();
        for (JsonNode container : containers) {
            boolean dropsAll = false;
            for (JsonNode dropped : container.path("securityContext").path("capabilities").path("drop")) {
                dropsAll |= dropped.asText().equals("ALL");
            }
            if (!dropsAll) {
                notDropping.add(container.path("name").asText());
            }
        }
        if (!notDropping.isEmpty()) {
            details.add(PodChecks.containerNames(notDropping) + " must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        Map<String, List<String>> adding = new LinkedHashMap<>();
        for (JsonNode container : containers) {
            container.path("securityContext").path("capabilities").path("add").forEach(cap -> {
                if (!cap.asText().equals("NET_BIND_SERVICE")) {
                    adding.computeIfAbsent(container.path("name").asText(), k -> new ArrayList<>()).add(PodChecks.quote(cap.asText()));
                }
            });
        }
        adding.forEach((name, caps) -> details.add(PodChecks.containerNames(List.of(name)) + " must not include "
                + String.join(", ", caps) + " in securityContext.capabilities.add"));
        if (!details.isEmpty()) {
            violations.add(new Violation("unrestricted capabilities", String.join("; ", details)));
        }
    }

    private static void runAsNonRoot(JsonNode spec, List<JsonNode> containers, List<Violation> violations) {
        JsonNode podValue = spec.path("securityContext").path("runAsNonRoot");
        boolean podSays = podValue.asBoolean(false);
        List<String> explicitlyFalse = containers.stream()
                .filter(c -> c.path("securityContext").path("runAsNonRoot").isBoolean()
                        && !c.path("securityContext").path("runAsNonRoot").asBoolean())
                .map(c -> c.path("name").asText()).toList();
        List<String> unset = containers.stream()
                .filter(c -> !c.path("securityContext").path("runAsNonRoot").isBoolean())
                .map(c -> c.path("name").asText()).toList();
        List<String> details = new ArrayList<>();
        if (podValue.isBoolean() && !podSays) {
            details.add("pod must not set securityContext.runAsNonRoot=false");
        }
        if (!explicitlyFalse.isEmpty()) {
            details.add(PodChecks.containerNames(explicitlyFalse) + " must not set securityContext.runAsNonRoot=false");
        }
        if (!podSays && !unset.isEmpty()) {
            details.add("pod or " + PodChecks.containerNames(unset) + " must set securityContext.runAsNonRoot=true");
        }
        if (!details.isEmpty()) {
            violations.add(new Violation("runAsNonRoot != true", String.join("; ", details)));
        }
    }

    private static void runAsUserZero(JsonNode spec, List<JsonNode> containers, List<Violation> violations) {
        List<String> details = new ArrayList<>();
        if (spec.path("securityContext").path("runAsUser").isInt() && spec.path("securityContext").path("runAsUser").asInt() == 0) {
            details.add("pod must not set runAsUser=0");
        }
        List<String> names = containers.stream().filter(c -> c.path("securityContext").path("runAsUser").isInt()
                && c.path("securityContext").path("runAsUser").asInt() == 0).map(c -> c.path("name").asText()).toList();
        if (!names.isEmpty()) {
            details.add(PodChecks.containerNames(names) + " must not set runAsUser=0");
        }
        if (!details.isEmpty()) {
            violations.add(new Violation("runAsUser=0", String.join("; ", details)));
        }
    }

    private static void seccompRequired(JsonNode spec, List<JsonNode> containers, List<Violation> violations) {
        boolean podSets = allowedProfile(spec.path("securityContext"));
        List<String> unset = containers.stream()
                .filter(c -> !allowedProfile(c.path("securityContext"))
                        && !(podSets && c.path("securityContext").path("seccompProfile").isMissingNode()))
                .map(c -> c.path("name").asText()).toList();
        if (!unset.isEmpty()) {
            violations.add(new Violation("seccompProfile", (podSets ? "" : "pod or ") + PodChecks.containerNames(unset)
                    + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""));
        }
    }

    private static boolean allowedProfile(JsonNode securityContext) {
        String type = securityContext.path("seccompProfile").path("type").asText("");
        return type.equals("RuntimeDefault") || type.equals("Localhost");
    }
}
