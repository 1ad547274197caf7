package dev.orc.api.model;

import java.util.Map;

/** Requests (what the scheduler reserves) and limits (what the runtime enforces), by resource name. */
public record ResourceRequirements(@OmitEmpty Map<String, Quantity> limits, @OmitEmpty Map<String, Quantity> requests) {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";

    public ResourceRequirements {
        limits = Immutable.map(limits);
        requests = Immutable.map(requests);
    }

    /**
     * What the scheduler counts for a resource: the request, or the limit when only a limit is
     * given (Kubernetes then defaults the request to the limit), or zero.
     */
    public Quantity effectiveRequest(String resource) {
        Quantity request = requests.get(resource);
        if (request != null) {
            return request;
        }
        return limits.getOrDefault(resource, Quantity.ZERO);
    }
}
