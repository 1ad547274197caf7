package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.stream.PortMapping;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pod an {@code orc port-forward} reaches and the pod's ports: {@code NAME} or {@code pod/NAME} as given;
 * {@code svc/NAME} as kubectl does it, a running pod of the Service's selector, each Service port mapped to its
 * target port (a number, or a container port's name in that pod).
 */
record PortForwardTarget(String pod, List<PortMapping> mappings) {

    static PortForwardTarget resolve(ApiClient api, String namespace, String target, List<PortMapping> mappings) {
        int slash = target.indexOf('/');
        String kind = slash < 0 ? "pod" : target.substring(0, slash);
        String name = target.substring(slash + 1);
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("TYPE/NAME must be pod/NAME or svc/NAME, not \"" + target + "\"");
        }
        return switch (kind) {
            case "pod", "pods", "po" -> new PortForwardTarget(api.get(ResourceTypes.POD, namespace, name)
                    .path("metadata").path("name").asText(), mappings);
            case "svc", "service", "services" -> ofService(api, namespace, name, mappings);
            default -> throw new IllegalArgumentException("TYPE/NAME must be pod/NAME or svc/NAME, not \"" + target
                    + "\"");
        };
    }

    private static PortForwardTarget ofService(ApiClient api, String namespace, String name, List<PortMapping> mappings) {
        ObjectNode service = api.get(ResourceTypes.SERVICE, namespace, name);
        JsonNode selector = service.path("spec").path("selector");
        if (!selector.isObject() || selector.isEmpty()) {
            throw new IllegalArgumentException("service \"" + name + "\" has no selector: no pod to forward to");
        }
        List<String> terms = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> term = it.next();
            terms.add(term.getKey() + "=" + term.getValue().asText());
        }
        JsonNode pod = null;
        for (JsonNode candidate : api.list(ResourceTypes.POD, namespace,
                ListOptions.labelSelector(String.join(",", terms))).path("items")) {
            if ("Running".equals(candidate.path("status").path("phase").asText())
                    && candidate.path("metadata").path("deletionTimestamp").isMissingNode()) {
                pod = candidate;
                break;
            }
        }
        if (pod == null) {
            throw new IllegalArgumentException("service \"" + name + "\" has no running pod to forward to");
        }
        List<PortMapping> targeted = new ArrayList<>();
        for (PortMapping mapping : mappings) {
            targeted.add(new PortMapping(mapping.local(), targetPort(service, pod, mapping.remote())));
        }
        return new PortForwardTarget(pod.path("metadata").path("name").asText(), targeted);
    }

    private static int targetPort(JsonNode service, JsonNode pod, int servicePort) {
        for (JsonNode port : service.path("spec").path("ports")) {
            if (port.path("port").asInt() != servicePort) {
                continue;
            }
            JsonNode target = port.path("targetPort");
            if (target.isMissingNode() || target.isNull()) {
                return servicePort;
            }
            if (target.canConvertToInt() || target.asText().matches("\\d+")) {
                return target.asInt();
            }
            for (JsonNode container : pod.path("spec").path("containers")) {
                for (JsonNode containerPort : container.path("ports")) {
                    if (target.asText().equals(containerPort.path("name").asText())) {
                        return containerPort.path("containerPort").asInt();
                    }
                }
            }
            throw new IllegalArgumentException("pod \"" + pod.path("metadata").path("name").asText()
                    + "\" has no container port named \"" + target.asText() + "\"");
        }
        throw new IllegalArgumentException("service \"" + service.path("metadata").path("name").asText()
                + "\" has no port " + servicePort);
    }
}
