package dev.orc.reconciler.apiserver.registry;

import dev.orc.api.meta.ResourceType;

import java.util.List;

/**
 * A request failed in a way the client should hear about as a Kubernetes {@code Status}: the HTTP code,
 * the machine-readable reason and, where it concerns one object, its name and kind. Each subclass is one
 * reason; {@code http.StatusRenderer} turns any of them into the response body.
 */
public abstract sealed class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final Details details;

    /** Which object the failure concerns ({@code null} when none) and, for Invalid, the fields at fault. */
    public record Details(String name, String group, String kind, List<Cause> causes) {
        public Details {
            causes = List.copyOf(causes);
        }

        static Details of(ResourceType type, String name) {
            return type == null ? null : new Details(name, type.group(), type.plural(), List.of());
        }
    }

    /** One field-level reason, as {@code details.causes[]} of a Status ({@code field} null when none). */
    public record Cause(String reason, String message, String field) {
        public static Cause invalid(String field, String message) {
            return new Cause("FieldValueInvalid", message, field);
        }
    }

    ApiException(int code, String reason, String message, Details details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    /** Kubernetes names a resource in messages as {@code pods} or {@code deployments.apps}. */
    static String resource(ResourceType type) {
        return type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public Details details() {
        return details;
    }

    public static final class NotFound extends ApiException {
        public NotFound(ResourceType type, String name) {
            super(404, "NotFound", resource(type) + " \"" + name + "\" not found", Details.of(type, name));
        }

        public NotFound(String message) {
            super(404, "NotFound", message, null);
        }
    }

    public static final class AlreadyExists extends ApiException {
        public AlreadyExists(ResourceType type, String name) {
            super(409, "AlreadyExists", resource(type) + " \"" + name + "\" already exists", Details.of(type, name));
        }
    }

    public static final class Conflict extends ApiException {
        public Conflict(ResourceType type, String name, String why) {
            super(409, "Conflict", "Operation cannot be fulfilled on " + resource(type) + " \"" + name + "\": " + why,
                    Details.of(type, name));
        }

        /** A conflict of fields, each cause naming one (a server-side apply's fields owned by other managers). */
        public Conflict(ResourceType type, String name, String message, List<Cause> causes) {
            super(409, "Conflict", message, new Details(name, type.group(), type.plural(), causes));
        }
    }

    public static final class Invalid extends ApiException {
        public Invalid(ResourceType type, String name, List<Cause> causes) {
            super(422, "Invalid", message(type, name, causes),
                    new Details(name, type.group(), type.kind(), causes));
        }

        private static String message(ResourceType type, String name, List<Cause> causes) {
            StringBuilder text = new StringBuilder(type.kind()).append(" \"").append(name == null ? "" : name)
                    .append("\" is invalid: ");
            for (int i = 0; i < causes.size(); i++) {
                Cause cause = causes.get(i);
                text.append(i == 0 ? "" : ", ").append(cause.field().isEmpty() ? "" : cause.field() + ": ")
                        .append(cause.message());
            }
            return text.toString();
        }
    }

    /** A well-formed request the server cannot apply, such as a JSON patch whose path does not exist. */
    public static final class Unprocessable extends ApiException {
        public Unprocessable(String message) {
            super(422, "Invalid", message, null);
        }
    }

    public static final class BadRequest extends ApiException {
        public BadRequest(String message) {
            super(400, "BadRequest", message, null);
        }
    }

    public static final class Unauthorized extends ApiException {
        public Unauthorized() {
            super(401, "Unauthorized", "Unauthorized", null);
        }

        public Unauthorized(String message) {
            super(401, "Unauthorized", message, null);
        }
    }

    /**
     * 429: the client should wait {@code retryAfterSeconds} (sent as {@code Retry-After}, when above 0) and try again.
     */
    public static final class TooManyRequests extends ApiException {
        private final int retryAfterSeconds;

        public TooManyRequests(String message) {
            this(message, 1);
        }

        public TooManyRequests(String message, int retryAfterSeconds) {
            super(429, "TooManyRequests", message, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** A refusal with reasons of its own ({@code details.causes}), such as the disruption budget an eviction would break. */
        public TooManyRequests(String message, int retryAfterSeconds, List<Cause> causes) {
            super(429, "TooManyRequests", message, new Details(null, "", null, causes));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    public static final class Forbidden extends ApiException {
        public Forbidden(ResourceType type, String name, String why) {
            super(403, "Forbidden", resource(type) + " \"" + name + "\" is forbidden: " + why, Details.of(type, name));
        }

        /** An authorization refusal, worded as Kubernetes words it: {@code pods is forbidden: User "jane" cannot ...}. */
        public Forbidden(String message, String group, String resource, String name) {
            super(403, "Forbidden", message, resource == null ? null
                    : new Details(name == null || name.isEmpty() ? null : name, group, resource, List.of()));
        }
    }

    public static final class Gone extends ApiException {
        public Gone(String reason, String message) {
            super(410, reason, message, null);
        }
    }

    public static final class RequestEntityTooLarge extends ApiException {
        public RequestEntityTooLarge(long limit) {
            this("the request body is larger than the limit of " + limit + " bytes");
        }

        public RequestEntityTooLarge(String message) {
            super(413, "RequestEntityTooLarge", message, null);
        }
    }

    public static final class MethodNotAllowed extends ApiException {
        public MethodNotAllowed(String method, String path) {
            super(405, "MethodNotAllowed", "the server does not allow method " + method + " on " + path, null);
        }
    }

    public static final class UnsupportedMediaType extends ApiException {
        public UnsupportedMediaType(String contentType) {
            super(415, "UnsupportedMediaType", "the body of the request was in an unknown format: " + contentType, null);
        }
    }

    public static final class NotAcceptable extends ApiException {
        public NotAcceptable(String accept, String offered) {
            super(406, "NotAcceptable", "only the following media types are accepted: " + offered + " (asked for " + accept + ")",
                    null);
        }
    }

    public static final class Timeout extends ApiException {
        public Timeout(String message) {
            super(504, "Timeout", message, null);
        }
    }

    /** The store did not do what was asked (etcd lost its quorum, say): nothing was written, try again later. */
    public static final class ServiceUnavailable extends ApiException {
        public ServiceUnavailable(String message) {
            super(503, "ServiceUnavailable", message, null);
        }
    }

    public static final class InternalError extends ApiException {
        public InternalError(String message) {
            super(500, "InternalError", message, null);
        }
    }
}
