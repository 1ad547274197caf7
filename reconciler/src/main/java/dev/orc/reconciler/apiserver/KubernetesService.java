package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.services.ServiceCidr;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The API server as a Service, as kube-apiserver keeps it: {@code default/kubernetes}, a ClusterIP Service on the
 * service range's first address ({@link ServiceCidr#reserved}), port 443 named {@code https}, without a selector, whose
 * Endpoints list the address every server advertises with the port it serves on. Pods reach the API through it
 * ({@code KUBERNETES_SERVICE_HOST}, {@code kubernetes.default.svc}); the servers' certificate names that address.
 * {@link ServerEndpointLease} keeps the Endpoints to the servers that are alive.
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

    /** A server's address and port as the Endpoints list it; {@code ip:port} as text (the last colon splits). */
    record Address(String ip, int port) implements Comparable<Address> {
        static Optional<Address> parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                return port >= 1 && port <= 65535 ? Optional.of(new Address(text.substring(0, colon), port))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        String text() {
            return ip + ":" + port;
        }

        @Override
        public int compareTo(Address other) {
            return Comparator.comparingInt(Address::port).thenComparing(Address::ip).compare(this, other);
        }
    }

    /**
     * Sets the Endpoints of the Service to exactly {@code servers} (made when missing; nothing is written when they
     * already say so). Servers of one cluster may serve on different ports: each port has its subset, as Kubernetes
     * groups endpoints.
     */
    static void setEndpoints(ObjectRegistry registry, Collection<Address> servers) {
        ArrayNode subsets = subsets(servers);
        try {
            registry.modify(ResourceTypes.ENDPOINTS, NAMESPACE, NAME, endpoints -> {
                if (subsets.isEmpty()) {
                    endpoints.remove("subsets");
                } else {
                    endpoints.set("subsets", subsets.deepCopy());
                }
                return endpoints;
            }, ObjectRegistry.Part.MAIN, false);
        } catch (ApiException.NotFound missing) {
            if (subsets.isEmpty()) {
                return;
            }
            ObjectNode endpoints = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
            endpoints.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
            endpoints.set("subsets", subsets);
            try {
                registry.create(ResourceTypes.ENDPOINTS, NAMESPACE, endpoints, false);
            } catch (ApiException.AlreadyExists raced) {
                setEndpoints(registry, servers);
            }
        }
    }

    private static ArrayNode subsets(Collection<Address> servers) {
        ArrayNode subsets = Json.mapper().createArrayNode();
        ObjectNode subset = null;
        int port = 0;
        for (Address server : new TreeSet<>(servers)) {
            if (subset == null || server.port() != port) {
                port = server.port();
                subset = subsets.addObject();
                subset.putArray("addresses");
                subset.putArray("ports").addObject().put("name", PORT_NAME).put("port", port).put("protocol", "TCP");
            }
            ((ArrayNode) subset.get("addresses")).addObject().put("ip", server.ip());
        }
        return subsets;
    }
}
