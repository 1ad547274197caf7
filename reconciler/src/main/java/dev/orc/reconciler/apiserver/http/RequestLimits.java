package dev.orc.reconciler.apiserver.http;

/**
 * How many read-only and mutating HTTP requests the server serves at once (kube-apiserver's defaults, 400 and 200);
 * see {@link InFlightLimit}.
 */
public record RequestLimits(int maxRequestsInFlight, int maxMutatingRequestsInFlight) {
    public RequestLimits {
        if (maxRequestsInFlight < 1 || maxMutatingRequestsInFlight < 1) {
            throw new IllegalArgumentException("--max-requests-inflight and --max-mutating-requests-inflight must be "
                    + "at least 1, got " + maxRequestsInFlight + " and " + maxMutatingRequestsInFlight);
        }
    }

    public static RequestLimits defaults() {
        return new RequestLimits(400, 200);
    }
}
