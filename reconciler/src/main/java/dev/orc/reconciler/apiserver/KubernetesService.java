package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.services.ServiceCidr;

import java.util.List;

/**
 * The API server as a Service, as kube-apiserver keeps it: {@code default/kubernetes}, a ClusterIP Service on the
 * service range's first address ({@link ServiceCidr#reserved}), port 443 named {@code https}, without a selector, whose
 * Endpoints list the address every server advertises with the port it serves on. Pods reach the API through it
 * ({@code KUBERNETES_SERVICE_HOST}, {@code kubernetes.default.svc}); the servers' certificate names that address.
 */
public final class KubernetesService {
    public static final String NAMESPACE = "default";
    public static final String NAME = "kubernetes";
    public static final int PORT = 443;
    private static final String PORT_NAME = "https";

    private KubernetesService() {
    }

    /** The names and address a server's certificate must hold for clients that reach it through the Service. */
    public static List<String> certificateHosts(ServiceCidr cidr) {
        return List.of(NAME, NAME + "." + NAMESPACE, NAME + "." + NAMESPACE + ".svc",
                NAME + "." + NAMESPACE + ".svc.cluster.local", cidr.reserved());
    }

    /**
     * Creates the Service when it is missing (one made earlier, perhaps changed, is kept). It is looked for first: a
     * create of a Service that exists claims its address again and, failing, gives the claim back, which would leave
     * the live Service's address unclaimed.
     */
    static void ensureService(ObjectRegistry registry, ServiceCidr cidr, int targetPort) {
        try {
            registry.get(ResourceTypes.SERVICE, NAMESPACE, NAME);
            return;
        } catch (ApiException.NotFound missing) {
            // made below
        }
        ObjectNode service = Json.object().put("apiVersion", "v1").put("kind", "Service");
        service.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE).putObject("labels")
                .put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = service.putObject("spec").put("type", "ClusterIP").put("clusterIP", cidr.reserved());
        spec.putArray("ports").addObject().put("name", PORT_NAME).put("protocol", "TCP").put("port", PORT)
                .put("targetPort", targetPort);
        try {
            registry.create(ResourceTypes.SERVICE, NAMESPACE, service, false);
        } catch (ApiException.AlreadyExists kept) {
            // made by this or another server before
        }
    }

    /** Lists {@code address:port} among the Endpoints of the Service, leaving the other servers' addresses. */
    static void advertise(ObjectRegistry registry, String address, int port) {
        try {
            registry.modify(ResourceTypes.ENDPOINTS, NAMESPACE, NAME, endpoints -> withAddress(endpoints, address, port),
                    ObjectRegistry.Part.MAIN, false);
        } catch (ApiException.NotFound missing) {
            ObjectNode endpoints = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
            endpoints.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
            try {
                registry.create(ResourceTypes.ENDPOINTS, NAMESPACE, withAddress(endpoints, address, port), false);
            } catch (ApiException.AlreadyExists raced) {
                advertise(registry, address, port);
            }
        }
    }

    /** Takes {@code address} out of the Endpoints, as a server stopping does. */
    static void withdraw(ObjectRegistry registry, String address) {
        try {
            registry.modify(ResourceTypes.ENDPOINTS, NAMESPACE, NAME, endpoints -> {
                if (endpoints.get("subsets") instanceof ArrayNode subsets) {
                    for (int s = subsets.size() - 1; s >= 0; s--) {
                        if (subsets.get(s).get("addresses") instanceof ArrayNode addresses) {
                            for (int i = addresses.size() - 1; i >= 0; i--) {
                                if (address.equals(addresses.get(i).path("ip").asText())) {
                                    addresses.remove(i);
                                }
                            }
                            if (addresses.isEmpty()) {
                                subsets.remove(s);
                            }
                        }
                    }
                }
                return endpoints;
            }, ObjectRegistry.Part.MAIN, false);
        } catch (ApiException.NotFound gone) {
            // nothing to take out
        }
    }

    /**
     * The Endpoints with {@code address} in the subset of {@code port} (made when missing). Servers of one cluster
     * may serve on different ports: each port has its subset, as Kubernetes groups endpoints.
     */
    static ObjectNode withAddress(ObjectNode endpoints, String address, int port) {
        ArrayNode subsets = endpoints.get("subsets") instanceof ArrayNode existing ? existing : endpoints.putArray("subsets");
        for (JsonNode subset : subsets) {
            if (subset.path("ports").path(0).path("port").asInt() == port) {
                ArrayNode addresses = subset.get("addresses") instanceof ArrayNode found ? found
                        : ((ObjectNode) subset).putArray("addresses");
                for (JsonNode known : addresses) {
                    if (address.equals(known.path("ip").asText())) {
                        return endpoints;
                    }
                }
                addresses.addObject().put("ip", address);
                return endpoints;
            }
        }
        ObjectNode subset = subsets.addObject();
        subset.putArray("addresses").addObject().put("ip", address);
        subset.putArray("ports").addObject().put("name", PORT_NAME).put("port", port).put("protocol", "TCP");
        return endpoints;
    }
}
