package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.services.AllocationException;
import dev.orc.reconciler.services.ServiceAllocations;

import java.util.List;

/**
 * Claims a Service's cluster IP and node ports as it is stored and frees them when it goes, or when an update that
 * dropped them is stored. Only the allocated fields are written into the stored object, so nothing else the user
 * wrote is touched. A crash between a claim and the write (or the write and the release) leaves a claim that
 * {@link dev.orc.reconciler.services.AllocationRepair} frees.
 */
public final class ServiceAllocationHooks implements WriteHooks {
    private final ServiceAllocations allocations;

    public ServiceAllocationHooks(ServiceAllocations allocations) {
        this.allocations = allocations;
    }

    @Override
    public Reserved beforeStore(ResourceType type, ObjectNode previous, ObjectNode next, boolean dryRun) {
        if (type != ResourceTypes.SERVICE || (dryRun && previous != null)) {
            return Reserved.nothing(next);
        }
        ServiceAllocations.Reservation reservation;
        try {
            reservation = allocations.reserve(previous == null ? null : service(previous), service(next));
        } catch (AllocationException e) {
            if (e.reason() == AllocationException.Reason.RANGE_FULL) {
                throw new ApiException.InternalError(e.getMessage());
            }
            throw new ApiException.Invalid(type, Meta.name(next),
                    List.of(ApiException.Cause.invalid(e.problem().path(), e.problem().message())));
        }
        ObjectNode withAllocations = withAllocations(next, reservation.service());
        if (dryRun) {
            reservation.undo().run();
            return Reserved.nothing(withAllocations);
        }
        return new Reserved(withAllocations, reservation.undo());
    }

    @Override
    public void afterStored(ResourceType type, ObjectNode previous, ObjectNode stored) {
        if (type == ResourceTypes.SERVICE) {
            allocations.replaced(service(previous), service(stored));
        }
    }

    @Override
    public void afterRemoved(ResourceType type, ObjectNode removed) {
        if (type == ResourceTypes.SERVICE) {
            allocations.release(service(removed));
        }
    }

    private static Service service(ObjectNode object) {
        return Json.convert(object, Service.class);
    }

    private static ObjectNode withAllocations(ObjectNode next, Service allocated) {
        ObjectNode result = next.deepCopy();
        ObjectNode spec = result.get("spec") instanceof ObjectNode existing ? existing : result.putObject("spec");
        String clusterIP = allocated.spec().clusterIP();
        if (clusterIP != null) {
            spec.put("clusterIP", clusterIP);
            spec.set("clusterIPs", Json.mapper().createArrayNode().add(clusterIP));
        }
        JsonNode ports = spec.get("ports");
        List<ServicePort> allocatedPorts = allocated.spec().ports();
        if (ports instanceof ArrayNode array) {
            for (int i = 0; i < array.size() && i < allocatedPorts.size(); i++) {
                Integer nodePort = allocatedPorts.get(i).nodePort();
                if (array.get(i) instanceof ObjectNode port) {
                    if (nodePort != null) {
                        port.put("nodePort", nodePort);
                    } else {
                        port.remove("nodePort");
                    }
                }
            }
        }
        return result;
    }
}
