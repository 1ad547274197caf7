package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.List;
import java.util.Map;

/**
 * A container may not ask both to be privileged and for no privilege escalation, as Kubernetes' validation refuses
 * it: in a pod, or in the pod template of a workload.
 */
final class SecurityContextRules {
    private static final Map<ResourceType, String> POD_SPECS = Map.of(
            ResourceTypes.POD, "spec",
            ResourceTypes.DEPLOYMENT, "spec.template.spec",
            ResourceTypes.REPLICA_SET, "spec.template.spec",
            ResourceTypes.DAEMON_SET, "spec.template.spec",
            ResourceTypes.STATEFUL_SET, "spec.template.spec",
            ResourceTypes.JOB, "spec.template.spec",
            ResourceTypes.CRON_JOB, "spec.jobTemplate.spec.template.spec");

    private SecurityContextRules() {
    }

    static void check(ResourceType type, JsonNode document, List<Problem> problems) {
        String path = POD_SPECS.get(type);
        if (path == null) {
            return;
        }
        JsonNode spec = document;
        for (String field : path.split("\\.")) {
            spec = spec.path(field);
        }
        for (String list : List.of("initContainers", "containers")) {
            JsonNode containers = spec.path(list);
            for (int i = 0; containers.isArray() && i < containers.size(); i++) {
                JsonNode context = containers.path(i).path("securityContext");
                if (context.path("allowPrivilegeEscalation").isBoolean()
                        && !context.path("allowPrivilegeEscalation").asBoolean()
                        && context.path("privileged").asBoolean(false)) {
                    problems.add(Problem.error(path + "." + list + "[" + i + "].securityContext",
                            "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
                }
            }
        }
    }
}
