package dev.orc.reconciler.services;

import dev.orc.api.validation.Problem;

/**
 * A Service's addresses or ports cannot be allocated as asked. {@link #field()} names the field in
 * Kubernetes notation; {@link #getMessage()} reads as Kubernetes says it:
 * {@code spec.clusterIP: Invalid value: "10.96.0.10": provided IP is already allocated}.
 */
public class AllocationException extends RuntimeException {
    /** What the API server should answer: 422 Invalid, 422 Forbidden field, or 500 when a range is exhausted. */
    public enum Reason { INVALID, FORBIDDEN, RANGE_FULL }

    private final Reason reason;
    private final String field;
    private final String detail;

    private AllocationException(Reason reason, String field, String detail) {
        super(field + ": " + detail);
        this.reason = reason;
        this.field = field;
        this.detail = detail;
    }

    static AllocationException invalid(String field, Object value, String why) {
        String shown = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        return new AllocationException(Reason.INVALID, field, "Invalid value: " + shown + ": " + why);
    }

    static AllocationException forbidden(String field, String why) {
        return new AllocationException(Reason.FORBIDDEN, field, "Forbidden: " + why);
    }

    static AllocationException full(String field, String what) {
        return new AllocationException(Reason.RANGE_FULL, field, "Internal error: failed to allocate a " + what + ": range is full");
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    /** The finding for a Kubernetes {@code Status} cause: the field and what is wrong with it. */
    public Problem problem() {
        return Problem.error(field, detail);
    }
}
