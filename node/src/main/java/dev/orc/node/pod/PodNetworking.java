package dev.orc.node.pod;

import dev.orc.api.model.EnvVar;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;
import dev.orc.node.proxy.ServiceEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pod gets of the cluster's networking, as kubelet gives it: the cluster DNS server, the search
 * domains {@code <ns>.svc.<domain> svc.<domain> <domain>} and {@code options ndots:5} in its resolv.conf (set on the container holding the pod's network: its
 * infra container, whose resolv.conf every container joining its network namespace shares, or its only container), and the variables of the Services of its
 * namespace that exist when a container starts.
 *
 * @param dnsServer the cluster DNS server's address; empty leaves pods the runtime's default resolv.conf
 */
public record PodNetworking(Optional<String> dnsServer, String clusterDomain, ServiceDirectory services) {

    /** The Services a pod's containers are told about: those of a namespace as the node knows them now. */
    @FunctionalInterface
    public interface ServiceDirectory {
        List<Service> inNamespace(String namespace);
    }

    /** No cluster DNS and no services. */
    public static final PodNetworking NONE = new PodNetworking(Optional.empty(), "cluster.local", namespace -> List.of());

    /** As kubelet writes them: names with fewer than five dots are tried with the search domains first. */
    public static final List<String> DNS_OPTIONS = List.of("ndots:5");

    /** The Service in {@code default} whose variables Kubernetes gives every pod, as the API server's own. */
    static final String MASTER_SERVICE = "kubernetes";

    public PodNetworking {
        Objects.requireNonNull(dnsServer, "dnsServer");
        Objects.requireNonNull(clusterDomain, "clusterDomain");
        Objects.requireNonNull(services, "services");
    }

    /** The search domains of a pod in {@code namespace}. */
    public List<String> searches(String namespace) {
        return List.of(namespace + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain);
    }

    /** The cluster DNS server for {@code pod}: none when there is no server or its dnsPolicy is Default or None. */
    Optional<String> dnsServerFor(Pod pod) {
        String policy = pod.spec().dnsPolicy();
        if ("Default".equals(policy) || "None".equals(policy)) {
            return Optional.empty();
        }
        return dnsServer;
    }

    /** The Service variables of a container of {@code pod} starting now (the pod's namespace, plus default/kubernetes). */
    List<EnvVar> serviceVariables(Pod pod) {
        String namespace = pod.metadata().namespace();
        List<Service> visible = new ArrayList<>(services.inNamespace(namespace));
        if (!"default".equals(namespace)) {
            services.inNamespace("default").stream().filter(s -> MASTER_SERVICE.equals(s.name())).forEach(visible::add);
        }
        return ServiceEnvironment.of(visible);
    }
}
