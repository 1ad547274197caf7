package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The EXTERNAL-IP and PORT(S) of a service and the ENDPOINTS of an Endpoints object, as kubectl shows them. */
public final class ServiceSummary {
    private static final int MAX_ENDPOINTS_SHOWN = 3;

    private ServiceSummary() {
    }

    public static String externalIp(JsonNode service) {
        String type = service.at("/spec/type").asText("ClusterIP");
        List<String> addresses = new ArrayList<>();
        service.at("/spec/externalIPs").forEach(ip -> addresses.add(ip.asText()));
        if (type.equals("ExternalName")) {
            return service.at("/spec/externalName").asText("<none>");
        }
        if (type.equals("LoadBalancer")) {
            for (JsonNode ingress : service.at("/status/loadBalancer/ingress")) {
                addresses.add(ingress.has("ip") ? ingress.path("ip").asText() : ingress.path("hostname").asText());
            }
            if (addresses.isEmpty()) {
                return "<pending>";
            }
        }
        return addresses.isEmpty() ? "<none>" : String.join(",", addresses);
    }

    /** {@code 80/TCP,443:30443/TCP}. */
    public static String ports(JsonNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : service.at("/spec/ports")) {
            String nodePort = port.path("nodePort").isNumber() ? ":" + port.path("nodePort").asText() : "";
            ports.add(port.path("port").asText() + nodePort + "/" + port.path("protocol").asText("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    /** {@code 10.0.0.4:80,10.0.0.5:80 + 2 more...}; {@code <none>} without ready addresses. */
    public static String endpoints(JsonNode endpoints) {
        List<String> all = new ArrayList<>();
        for (JsonNode subset : endpoints.path("subsets")) {
            for (JsonNode address : subset.path("addresses")) {
                if (subset.path("ports").isEmpty()) {
                    all.add(address.path("ip").asText());
                }
                for (JsonNode port : subset.path("ports")) {
                    all.add(address.path("ip").asText() + ":" + port.path("port").asText());
                }
            }
        }
        if (all.isEmpty()) {
            return "<none>";
        }
        String shown = String.join(",", all.subList(0, Math.min(MAX_ENDPOINTS_SHOWN, all.size())));
        return all.size() > MAX_ENDPOINTS_SHOWN ? shown + " + " + (all.size() - MAX_ENDPOINTS_SHOWN) + " more..." : shown;
    }
}
