package dev.orc.reconciler.services;

import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.reconciler.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Mends the claims of cluster IPs and node ports after a crash, as kube-apiserver's repair controllers do. A crash
 * between a claim and the Service's write (or between a write that dropped a value and its release) leaves a claim
 * no stored Service holds: it is freed once two passes in a row have found it so, since a claim made by a create
 * still in flight is held by the next pass. A value a stored Service holds without a claim (a restored backup, say)
 * is claimed for it again. A value one Service holds and another has claimed is reported, never taken from either.
 */
public final class AllocationRepair {
    private static final Logger LOG = LoggerFactory.getLogger(AllocationRepair.class);

    private final Store store;
    private final Map<String, StoreClaims> claims;
    private final Set<String> suspects = new HashSet<>();

    public AllocationRepair(Store store) {
        this.store = store;
        this.claims = Map.of(ServiceAllocations.CLUSTER_IPS, new StoreClaims(store, ServiceAllocations.CLUSTER_IPS),
                ServiceAllocations.NODE_PORTS, new StoreClaims(store, ServiceAllocations.NODE_PORTS));
    }

    /** What one pass did, each entry {@code <prefix><value> (owner)}. */
    public record Report(List<String> freed, List<String> reclaimed, List<String> conflicts) {
    }

    /** One pass over every claim and every stored Service. */
    public synchronized Report runOnce() {
        Map<String, Map<String, String>> held = heldValues();
        List<String> freed = new ArrayList<>();
        List<String> reclaimed = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        Set<String> stillSuspect = new HashSet<>();
        for (Map.Entry<String, StoreClaims> entry : claims.entrySet()) {
            String prefix = entry.getKey();
            StoreClaims range = entry.getValue();
            Map<String, String> holders = held.get(prefix);
            Map<String, String> owners = range.owners();
            owners.forEach((value, owner) -> {
                String key = prefix + value;
                String holder = holders.get(value);
                if (holder == null) {
                    if (suspects.contains(key)) {
                        range.release(value, owner);
                        freed.add(key + " (" + owner + ")");
                    } else {
                        stillSuspect.add(key);
                    }
                } else if (!holder.equals(owner)) {
                    conflicts.add(key + " (claimed by " + owner + ", held by " + holder + ")");
                }
            });
            holders.forEach((value, holder) -> {
                if (!owners.containsKey(value)) {
                    if (range.claim(value, holder).held()) {
                        reclaimed.add(prefix + value + " (" + holder + ")");
                    } else {
                        conflicts.add(prefix + value + " (held by " + holder + ", claimed meanwhile by another)");
                    }
                }
            });
        }
        suspects.clear();
        suspects.addAll(stillSuspect);
        Report report = new Report(freed, reclaimed, conflicts);
        log(report);
        return report;
    }

    /** Per claim prefix, the values stored Services hold and which Service ({@code namespace/name}) holds each. */
    private Map<String, Map<String, String>> heldValues() {
        Map<String, String> ips = new HashMap<>();
        Map<String, String> ports = new HashMap<>();
        for (Service service : services()) {
            String owner = service.namespace() + "/" + service.name();
            String ip = service.spec().clusterIP();
            if (ip != null && !ip.isEmpty() && !ServiceSpec.NONE.equals(ip)) {
                ips.put(ip, owner);
            }
            service.spec().ports().stream().map(ServicePort::nodePort).filter(Objects::nonNull)
                    .forEach(port -> ports.put(port.toString(), owner));
        }
        return Map.of(ServiceAllocations.CLUSTER_IPS, ips, ServiceAllocations.NODE_PORTS, ports);
    }

    private List<Service> services() {
        List<Service> services = new ArrayList<>();
        store.scan(ResourceTypes.SERVICE.storePrefix(), 500, kv -> services.add(Json.convert(Json.parse(kv.value()), Service.class)));
        return services;
    }

    private static void log(Report report) {
        report.freed().forEach(claim -> LOG.warn("freed {}: no Service holds it (left by an interrupted write)", claim));
        report.reclaimed().forEach(claim -> LOG.warn("claimed {} again: its Service holds it without a claim", claim));
        report.conflicts().forEach(claim -> LOG.error("allocation conflict {}: fix one of the Services", claim));
    }
}
