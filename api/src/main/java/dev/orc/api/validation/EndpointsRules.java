package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.net.EndpointIps;

import java.util.List;

/**
 * The addresses of an Endpoints object are IP literals that are not unspecified, link-local or multicast, as
 * Kubernetes checks them, except that loopback addresses are accepted: orc's single-machine setups serve pods and
 * host ports on 127.0.0.1.
 */
final class EndpointsRules {
    private EndpointsRules() {
    }

    /** Checks the addresses of {@code subsets}; lists of another shape are the schema's to report. */
    static void check(JsonNode subsets, List<Problem> problems) {
        if (!subsets.isArray()) {
            return;
        }
        for (int s = 0; s < subsets.size(); s++) {
            for (String list : List.of("addresses", "notReadyAddresses")) {
                JsonNode addresses = subsets.get(s).path(list);
                if (!addresses.isArray()) {
                    continue;
                }
                for (int a = 0; a < addresses.size(); a++) {
                    JsonNode ip = addresses.get(a).path("ip");
                    if (ip.isTextual()) {
                        String path = "subsets[" + s + "]." + list + "[" + a + "].ip";
                        EndpointIps.refusal(ip.asText()).ifPresent(reason ->
                                problems.add(Problem.error(path, "invalid value " + Values.quote(ip.asText()) + ": " + reason)));
                    }
                }
            }
        }
    }
}
