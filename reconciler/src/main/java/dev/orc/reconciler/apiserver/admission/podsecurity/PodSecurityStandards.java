package dev.orc.reconciler.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Pod Security Standards' checks of a pod spec, as Kubernetes' pod-security admission makes them ("latest"), with
 * its wording: baseline refuses host namespaces, privileged containers, capabilities beyond the default set, hostPath
 * volumes, host ports, unconfined seccomp, an unmasked /proc and unsafe sysctls; restricted adds
 * {@link RestrictedChecks}. AppArmor and SELinux options, which orc does not apply, are not checked.
 */
public final class PodSecurityStandards {
    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    private PodSecurityStandards() {
    }

    /** What {@code spec} (a pod's) does that {@code level} forbids; empty when it passes. */
    public static List<Violation> check(Level level, JsonNode spec) {
        List<Violation> violations = new ArrayList<>();
        if (level == Level.PRIVILEGED) {
            return violations;
        }
        List<JsonNode> containers = PodChecks.containers(spec);
        hostNamespaces(spec, violations);
        PodChecks.perContainer(containers, c -> c.path("securityContext").path("privileged").asBoolean(false), "privileged",
                names -> names + " must not set securityContext.privileged=true", violations);
        capabilities(containers, added -> !BASELINE_CAPABILITIES.contains(added), "non-default capabilities", violations);
        volumes(spec, "hostPath", violations);
        hostPorts(containers, violations);
        seccompUnconfined(spec, containers, violations);
        PodChecks.perContainer(containers, c -> !c.path("securityContext").path("procMount").asText("Default").equals("Default"),
                "procMount", names -> names + " must not set securityContext.procMount", violations);
        sysctls(spec, violations);
        if (level == Level.RESTRICTED) {
            RestrictedChecks.check(spec, containers, violations);
        }
        return violations;
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

    private static void capabilities(List<JsonNode> containers, Predicate<String> forbidden,
                                     String check, List<Violation> violations) {
        List<String> details = new ArrayList<>();
        for (JsonNode container : containers) {
            List<String> added = new ArrayList<>();
            container.path("securityContext").path("capabilities").path("add").forEach(cap -> {
                if (forbidden.test(cap.asText())) {
                    added.add(PodChecks.quote(cap.asText()));
                }
            });
            if (!added.isEmpty()) {
                details.add(PodChecks.containerNames(List.of(container.path("name").asText())) + " must not include "
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
                names.add(PodChecks.quote(volume.path("name").asText()));
            }
        });
        if (!names.isEmpty()) {
            violations.add(new Violation(type + " volumes",
                    (names.size() == 1 ? "volume " : "volumes ") + String.join(", ", names)));
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
                details.add(PodChecks.containerNames(List.of(container.path("name").asText())) + " uses "
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
            details.add(PodChecks.containerNames(names) + " must not set securityContext.seccompProfile.type to \"Unconfined\"");
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
}
