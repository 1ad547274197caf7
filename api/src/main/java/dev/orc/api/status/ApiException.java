package dev.orc.api.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request the server refused or could not answer, as a Kubernetes {@code Status} says it: the HTTP
 * {@link #code()} (0 when the server could not be reached), the machine-readable {@link #reason()}
 * ({@code NotFound}, {@code Conflict}, {@code Invalid}, ...), the message a person should read and, where it
 * concerns one object, its name, kind and the fields at fault.
 *
 * <p>One shape on both sides of the API: the server throws a subclass, {@link #toStatus()} writes the body it
 * answers, and a client reads that body back with {@link #fromStatus} into the same subclass, so code catches
 * {@code ApiException.NotFound} (or asks {@link #isNotFound()}) alike whether it called the registry in-process
 * or the server over HTTP.
 */
public abstract sealed class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String statusMessage;
    private final Details details;

    /**
     * Which object the failure concerns ({@code name}, {@code group}, {@code kind}: each null when none), the
     * fields at fault and, for 429, how long to wait before trying again (0: not said).
     */
    public record Details(String name, String group, String kind, List<Cause> causes, int retryAfterSeconds) {
        public Details {
            group = group == null ? "" : group;
            causes = List.copyOf(causes);
        }

        public Details(String name, String group, String kind, List<Cause> causes) {
            this(name, group, kind, causes, 0);
        }

        static Details of(ResourceType type, String name) {
            return type == null ? null : new Details(name, type.group(), type.plural(), List.of());
        }

        static Details causes(List<Cause> causes, int retryAfterSeconds) {
            return causes.isEmpty() && retryAfterSeconds <= 0 ? null
                    : new Details(null, "", null, causes, retryAfterSeconds);
        }
    }

    /** One field-level reason, as {@code details.causes[]} of a Status ({@code field} empty when none). */
    public record Cause(String reason, String message, String field) {
        public Cause {
            reason = reason == null ? "" : reason;
            message = message == null ? "" : message;
            field = field == null ? "" : field;
        }

        public static Cause invalid(String field, String message) {
            return new Cause("FieldValueInvalid", message, field);
        }

        /** {@code spec.replicas: must be ...}, or the message alone when no field is named. */
        public String format() {
            return field.isEmpty() ? message : field + ": " + message;
        }
    }

    /** What a Status carried, for the subclasses' constructors that read one back. */
    private record Parts(int code, String reason, String message, Details details) {
    }

    private ApiException(int code, String reason, String message, Details details) {
        super(withCauses(message, details));
        this.code = code;
        this.reason = reason;
        this.statusMessage = message;
        this.details = details;
    }

    private ApiException(Parts parts) {
        this(parts.code(), parts.reason(), parts.message(), parts.details());
    }

    /** Kubernetes names a resource in messages as {@code pods} or {@code deployments.apps}. */
    static String resource(ResourceType type) {
        return type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
    }

    /** The server could not be reached or answered nothing readable. */
    public static ApiException unreachable(String message, Throwable cause) {
        ApiException e = new Failure(0, "ServiceUnavailable", message);
        e.initCause(cause);
        return e;
    }

    /** Reads an error answer; a body that is not a {@code Status} still gives a readable message. */
    public static ApiException fromResponse(int code, byte[] body) {
        JsonNode status;
        try {
            status = body.length == 0 ? null : Json.parse(body);
        } catch (IllegalArgumentException notJson) {
            status = null;
        }
        if (status != null && status.isObject() && "Status".equals(status.path("kind").asText())) {
            return fromStatus(status, code);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String message = text.isEmpty() || text.length() > 300 ? "the server answered HTTP " + code : text;
        return of(new Parts(code, reasonFor(code), message, null));
    }

    /** Reads a {@code Status} object, as sent in an error answer or a watch's ERROR event. */
    public static ApiException fromStatus(JsonNode status, int fallbackCode) {
        int code = status.path("code").asInt(fallbackCode);
        String reason = status.path("reason").asText("");
        if (reason.isEmpty()) {
            reason = reasonFor(code);
        }
        String message = status.path("message").asText("");
        if (message.isEmpty()) {
            message = "the server answered " + reason + " (HTTP " + code + ")";
        }
        return of(new Parts(code, reason, message, details(status.path("details"))));
    }

    private static Details details(JsonNode details) {
        if (!details.isObject()) {
            return null;
        }
        List<Cause> causes = new ArrayList<>();
        for (JsonNode cause : details.path("causes")) {
            causes.add(new Cause(cause.path("reason").asText(""), cause.path("message").asText(""),
                    cause.path("field").asText("")));
        }
        return new Details(text(details, "name"), details.path("group").asText(""), text(details, "kind"), causes,
                details.path("retryAfterSeconds").asInt(0));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static ApiException of(Parts parts) {
        return switch (parts.code()) {
            case 400 -> new BadRequest(parts);
            case 401 -> new Unauthorized(parts);
            case 403 -> new Forbidden(parts);
            case 404 -> new NotFound(parts);
            case 405 -> new MethodNotAllowed(parts);
            case 406 -> new NotAcceptable(parts);
            case 409 -> "AlreadyExists".equals(parts.reason()) ? new AlreadyExists(parts) : new Conflict(parts);
            case 410 -> new Gone(parts);
            case 413 -> new RequestEntityTooLarge(parts);
            case 415 -> new UnsupportedMediaType(parts);
            case 422 -> parts.details() != null && !parts.details().causes().isEmpty()
                    ? new Invalid(parts) : new Unprocessable(parts);
            case 429 -> new TooManyRequests(parts);
            case 500 -> new InternalError(parts);
            case 503 -> new ServiceUnavailable(parts);
            case 504 -> new Timeout(parts);
            default -> new Failure(parts);
        };
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "Unknown";
        };
    }

    /** Appends the causes the message does not already name, so a person sees every field at fault. */
    private static String withCauses(String message, Details details) {
        if (details == null) {
            return message;
        }
        List<String> missing = details.causes().stream().map(Cause::format).filter(c -> !message.contains(c))
                .toList();
        return missing.isEmpty() ? message : message + ": " + String.join("; ", missing);
    }

    /** The {@code Status} the server answers for this failure. */
    public ObjectNode toStatus() {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", statusMessage);
        status.put("reason", reason);
        if (details != null) {
            ObjectNode d = status.putObject("details");
            if (details.name() != null) {
                d.put("name", details.name());
            }
            if (!details.group().isEmpty()) {
                d.put("group", details.group());
            }
            if (details.kind() != null) {
                d.put("kind", details.kind());
            }
            if (!details.causes().isEmpty()) {
                ArrayNode causes = d.putArray("causes");
                for (Cause cause : details.causes()) {
                    ObjectNode rendered = causes.addObject().put("reason", cause.reason())
                            .put("message", cause.message());
                    if (!cause.field().isEmpty()) {
                        rendered.put("field", cause.field());
                    }
                }
            }
            if (details.retryAfterSeconds() > 0) {
                d.put("retryAfterSeconds", details.retryAfterSeconds());
            }
        }
        status.put("code", code);
        return status;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The object and fields at fault, or null when the failure names none. */
    public Details details() {
        return details;
    }

    public List<Cause> causes() {
        return details == null ? List.of() : details.causes();
    }

    /** The Status's own message, without the causes {@link #getMessage()} adds: what kubectl prints. */
    public String statusMessage() {
        return statusMessage;
    }

    public boolean isNotFound() {
        return code == 404;
    }

    public boolean isConflict() {
        return code == 409 && !isAlreadyExists();
    }

    public boolean isAlreadyExists() {
        return "AlreadyExists".equals(reason);
    }

    /** The resourceVersion asked for is too old: re-list, then watch again. */
    public boolean isGone() {
        return code == 410;
    }

    public boolean isUnreachable() {
        return code == 0;
    }

    public static final class NotFound extends ApiException {
        public NotFound(ResourceType type, String name) {
            super(404, "NotFound", resource(type) + " \"" + name + "\" not found", Details.of(type, name));
        }

        public NotFound(String message) {
            super(404, "NotFound", message, null);
        }

        private NotFound(Parts parts) {
            super(parts);
        }
    }

    public static final class AlreadyExists extends ApiException {
        public AlreadyExists(ResourceType type, String name) {
            super(409, "AlreadyExists", resource(type) + " \"" + name + "\" already exists", Details.of(type, name));
        }

        private AlreadyExists(Parts parts) {
            super(parts);
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

        /** A conflict that names no one object. */
        public Conflict(String message) {
            super(409, "Conflict", message, null);
        }

        private Conflict(Parts parts) {
            super(parts);
        }
    }

    public static final class Invalid extends ApiException {
        public Invalid(ResourceType type, String name, List<Cause> causes) {
            super(422, "Invalid", message(type, name, causes), new Details(name, type.group(), type.kind(), causes));
        }

        private Invalid(Parts parts) {
            super(parts);
        }

        private static String message(ResourceType type, String name, List<Cause> causes) {
            StringBuilder text = new StringBuilder(type.kind()).append(" \"").append(name == null ? "" : name)
                    .append("\" is invalid: ");
            for (int i = 0; i < causes.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(causes.get(i).format());
            }
            return text.toString();
        }
    }

    /** A well-formed request the server cannot apply, such as a JSON patch whose path does not exist. */
    public static final class Unprocessable extends ApiException {
        public Unprocessable(String message) {
            super(422, "Invalid", message, null);
        }

        private Unprocessable(Parts parts) {
            super(parts);
        }
    }

    public static final class BadRequest extends ApiException {
        public BadRequest(String message) {
            super(400, "BadRequest", message, null);
        }

        private BadRequest(Parts parts) {
            super(parts);
        }
    }

    public static final class Unauthorized extends ApiException {
        public Unauthorized() {
            this("Unauthorized");
        }

        public Unauthorized(String message) {
            super(401, "Unauthorized", message, null);
        }

        private Unauthorized(Parts parts) {
            super(parts);
        }
    }

    /** 429: the client should wait {@link #retryAfterSeconds()} (sent as {@code Retry-After} when above 0). */
    public static final class TooManyRequests extends ApiException {
        public TooManyRequests(String message) {
            this(message, 1);
        }

        public TooManyRequests(String message, int retryAfterSeconds) {
            this(message, retryAfterSeconds, List.of());
        }

        /** A refusal with reasons of its own, such as the disruption budget an eviction would break. */
        public TooManyRequests(String message, int retryAfterSeconds, List<Cause> causes) {
            super(429, "TooManyRequests", message, Details.causes(causes, retryAfterSeconds));
        }

        private TooManyRequests(Parts parts) {
            super(parts);
        }

        public int retryAfterSeconds() {
            return details() == null ? 0 : details().retryAfterSeconds();
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

        /** A refusal that concerns no one object. */
        public Forbidden(String message) {
            super(403, "Forbidden", message, null);
        }

        private Forbidden(Parts parts) {
            super(parts);
        }
    }

    public static final class Gone extends ApiException {
        public Gone(String reason, String message) {
            super(410, reason, message, null);
        }

        private Gone(Parts parts) {
            super(parts);
        }
    }

    public static final class RequestEntityTooLarge extends ApiException {
        public RequestEntityTooLarge(long limit) {
            this("the request body is larger than the limit of " + limit + " bytes");
        }

        public RequestEntityTooLarge(String message) {
            super(413, "RequestEntityTooLarge", message, null);
        }

        private RequestEntityTooLarge(Parts parts) {
            super(parts);
        }
    }

    public static final class MethodNotAllowed extends ApiException {
        public MethodNotAllowed(String method, String path) {
            super(405, "MethodNotAllowed", "the server does not allow method " + method + " on " + path, null);
        }

        private MethodNotAllowed(Parts parts) {
            super(parts);
        }
    }

    public static final class NotAcceptable extends ApiException {
        public NotAcceptable(String accept, String offered) {
            super(406, "NotAcceptable", "only the following media types are accepted: " + offered + " (asked for " + accept
                    + ")", null);
        }

        private NotAcceptable(Parts parts) {
            super(parts);
        }
    }

    public static final class UnsupportedMediaType extends ApiException {
        public UnsupportedMediaType(String contentType) {
            super(415, "UnsupportedMediaType", "the body of the request was in an unknown format: " + contentType,
                    null);
        }

        private UnsupportedMediaType(Parts parts) {
            super(parts);
        }
    }

    public static final class Timeout extends ApiException {
        public Timeout(String message) {
            super(504, "Timeout", message, null);
        }

        private Timeout(Parts parts) {
            super(parts);
        }
    }

    /** The store did not do what was asked (etcd lost its quorum, say): nothing was written, try again later. */
    public static final class ServiceUnavailable extends ApiException {
        public ServiceUnavailable(String message) {
            super(503, "ServiceUnavailable", message, null);
        }

        private ServiceUnavailable(Parts parts) {
            super(parts);
        }
    }

    public static final class InternalError extends ApiException {
        public InternalError(String message) {
            super(500, "InternalError", message, null);
        }

        private InternalError(Parts parts) {
            super(parts);
        }
    }

    /**
     * Any other failure: a code the subclasses above do not name, the server out of reach (code 0), or a
     * client-side failure of a call, such as a listing whose pages never end.
     */
    public static final class Failure extends ApiException {
        public Failure(int code, String reason, String message) {
            super(code, reason, message, null);
        }

        private Failure(Parts parts) {
            super(parts);
        }
    }
}
