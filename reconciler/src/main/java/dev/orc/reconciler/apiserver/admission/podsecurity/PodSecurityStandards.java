package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The Pod Security Standards' checks of a pod spec, as Kubernetes' pod-security admission makes them ("latest"), with
 * its wording: baseline refuses host namespaces, privileged containers, capabilities beyond the default set, hostPath
 * volumes, host ports, unconfined seccomp, an unmasked /proc and unsafe sysctls; restricted adds the volume types,
 * privilege escalation, capabilities (drop ALL, add at most NET_BIND_SERVICE), running as non-root (and not as uid 0)
 * and a seccomp profile. AppArmor and SELinux options, which orc does not apply, are not checked.
 */
public final class PodSecurityStandards {
    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private PodSecurityStandards() {
    }

    /** What {@code spec} (a pod's) does that {@code level} forbids; empty when it passes. */
    public static List<Violation> check(Level level, JsonNode spec) {
        List<Violation> violations = new ArrayList<>();
        if (level == Level.PRIVILEGED) {
            return violations;
        }
        List<JsonNode> containers = containers(spec);
        hostNamespaces(spec, violations);
        perContainer(containers, c -> c.path("securityContext").path("privileged").asBoolean(false), "privileged",
                names -> names + " must not set securityContext.privileged=true", violations);
        capabilities(containers, added -> !BASELINE_CAPABILITIES.contains(added), "non-default capabilities", violations);
        volumes(spec, "hostPath", violations);
        hostPorts(containers, violations);
        seccompUnconfined(spec, containers, violations);
        perContainer(containers, c -> !c.path("securityContext").path("procMount").asText("Default").equals("Default"),
                "procMount", names -> names + " must not set securityContext.procMount", violations);
        sysctls(spec, violations);
        if (level == Level.RESTRICTED) {
            restrictedVolumes(spec, violations);
            perContainer(containers, c -> !c.path("securityContext").path("allowPrivilegeEscalation").isBoolean()
                            || c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(),
                    "allowPrivilegeEscalation != false",
                    names -> names + " must set securityContext.allowPrivilegeEscalation=false", violations);
            restrictedCapabilities(containers, violations);
            runAsNonRoot(spec, containers, violations);
            runAsUserZero(spec, containers, violations);
            seccompRequired(spec, containers, violations);
        }
        return violations;
    }

    private static List<JsonNode> containers(JsonNode spec) {
        List<JsonNode> containers = new ArrayList<>();
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            spec.path(list).forEach(containers::add);
        }
        return containers;
    }

    private static void hostNamespaces(JsonNode spec, List<Violation> violations) {
        List<String> set = new ArrayList<>();
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (spec.path(field).asBoolean(false)) {
                set.add(field + "=true");
            }
        }
        if (!set.isEmpty()) {
            violations.add(new Violation("host namespaces", String.join(", ", set)));
        }
    }

    private static void perContainer(List<JsonNode> containers, Predicate<JsonNode> fails,
                                     String check, Function<String, String> detail, List<Violation> violations) {
        List<String> names = containers.stream().filter(fails).map(c -> c.path("name").asText()).toList();
        if (!names.isEmpty()) {
            violations.add(new Violation(check, detail.apply(containerNames(names))));
        }
    }

    private static void capabilities(List<JsonNode> containers, Predicate<String> forbidden,
                                     String check, List<Violation> violations) {
        List<String> details = new ArrayList<>();
        for (JsonNode container : containers) {
            List<String> added = new ArrayList<>();
            container.path("securityContext").path("capabilities").path("add").forEach(cap -> {
                if (forbidden.test(cap.asText())) {
                    added.add(quote(cap.asText()));
                }
            });
            if (!added.isEmpty()) {
                details.add(containerNames(List.of(container.path("name").asText())) + " must not include "
                        + String.join(", ", added) + " in securityContext.capabilities.add");
            }
        }
        if (!details.isEmpty()) {
            violations.add(new Violation(check, String.join("; ", details)));
        }
    }

    private static void volumes(JsonNode spec, String type, List<Violation> violations) {
        List<String> names = new ArrayList<>();
        spec.path("volumes").forEach(volume -> {
            if (volume.has(type)) {
                names.add(quote(volume.path("name").asText()));
            }
        });
        if (!names.isEmpty()) {
            violations.add(new Violation(type + " volumes",
                    (names.size() == 1 ? "volume " : "volumes ") + String.join(", ", names)));
        }
    }

    private static void restrictedVolumes(JsonNode spec, List<Violation> violations) {
        List<String> details = new ArrayList<>();
        spec.path("volumes").forEach(volume -> volume.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name") && !RESTRICTED_VOLUMES.contains(field)) {
                details.add("volume " + quote(volume.path("name").asText()) + " uses restricted volume type "
                        + quote(field));
            }
        }));
        if (!details.isEmpty()) {
            violations.add(new Violation("restricted volume types", String.join(", ", details)));
        }
    }

    private static void hostPorts(List<JsonNode> containers, List<Violation> violations) {
        List<String> details = new ArrayList<>();
        for (JsonNode container : containers) {
            List<String> ports = new ArrayList<>();
            container.path("ports").forEach(port -> {
                if (port.path("hostPort").asInt(0) != 0) {
                    ports.add(port.path("hostPort").asText());
                }
            });
            if (!ports.isEmpty()) {
                details.add(containerNames(List.of(container.path("name").asText())) + " uses "
                        + (ports.size() == 1 ? "hostPort " : "hostPorts ") + String.join(", ", ports));
            }
        }
        if (!details.isEmpty()) {
            violations.add(new Violation("hostPort", String.join(", ", details)));
        }
    }

    private static void seccompUnconfined(JsonNode spec, List<JsonNode> containers, List<Violation> violations) {
        List<String> details = new ArrayList<>();
        if ("Unconfined".equals(spec.path("securityContext").path("seccompProfile").path("type").asText())) {
            details.add("pod must not set securityContext.seccompProfile.type to \"Unconfined\"");
        }
        List<String> names = containers.stream()
                .filter(c -> "Unconfined".equals(c.path("securityContext").path("seccompProfile").path("type").asText()))
                .map(c -> c.path("name").asText()).toList();
        if (!names.isEmpty()) {
            details.add(containerNames(names) + " must not set securityContext.seccompProfile.type to \"Unconfined\"");
        }
        if (!details.isEmpty()) {
            violations.add(new Violation("seccompProfile", String.join("; ", details)));
        }
    }

    private static void sysctls(JsonNode spec, List<Violation> violations) {
        List<String> unsafe = new ArrayList<>();
        spec.path("securityContext").path("sysctls").forEach(sysctl -> {
            if (!SAFE_SYSCTLS.contains(sysctl.path("name").asText())) {
                unsafe.add(sysctl.path("name").asText());
            }
        });
        if (!unsafe.isEmpty()) {
            violations.add(new Violation("forbidden sysctls", String.join(", ", unsafe)));
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
            details.add(containerNames(notDropping) + " must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        Map<String, List<String>> adding = new LinkedHashMap<>();
        for (JsonNode container : containers) {
            container.path("securityContext").path("capabilities").path("add").forEach(cap -> {
                if (!cap.asText().equals("NET_BIND_SERVICE")) {
                    adding.computeIfAbsent(container.path("name").asText(), k -> new ArrayList<>()).add(quote(cap.asText()));
                }
            });
        }
        adding.forEach((name, caps) -> details.add(containerNames(List.of(name)) + " must not include "
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
            details.add(containerNames(explicitlyFalse) + " must not set securityContext.runAsNonRoot=false");
        }
        if (!podSays && !unset.isEmpty()) {
            details.add("pod or " + containerNames(unset) + " must set securityContext.runAsNonRoot=true");
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
            details.add(containerNames(names) + " must not set runAsUser=0");
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
            violations.add(new Violation("seccompProfile", (podSets ? "" : "pod or ") + containerNames(unset)
                    + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""));
        }
    }

    private static boolean allowedProfile(JsonNode securityContext) {
        String type = securityContext.path("seccompProfile").path("type").asText("");
        return type.equals("RuntimeDefault") || type.equals("Localhost");
    }

    private static String containerNames(List<String> names) {
        return (names.size() == 1 ? "container " : "containers ")
                + names.stream().map(PodSecurityStandards::quote).collect(Collectors.joining(", "));
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
