package dev.orc.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * A request the server refused or could not answer, read from the Kubernetes {@code Status} it sent:
 * {@link #code()} is the HTTP status (0 when the server could not be reached), {@link #reason()} the
 * Kubernetes reason ({@code NotFound}, {@code Conflict}, {@code Invalid}, ...), {@link #getMessage()}
 * what a person should read.
 */
public final class ApiException extends RuntimeException {
    /** One field-level cause of an {@code Invalid} answer: {@code spec.replicas: must be ...}. */
    public record Cause(String field, String reason, String message) {
        public String format() {
            return field == null || field.isEmpty() ? message : field + ": " + message;
        }
    }

    private final int code;
    private final String reason;
    private final List<Cause> causes;
    private final String statusMessage;

    public ApiException(int code, String reason, String message, List<Cause> causes) {
        this(code, reason, message, causes, message);
    }

    private ApiException(int code, String reason, String message, List<Cause> causes, String statusMessage) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.causes = List.copyOf(causes);
        this.statusMessage = statusMessage;
    }

    /** The server could not be reached or answered nothing readable. */
    public static ApiException unreachable(String message, Throwable cause) {
        ApiException e = new ApiException(0, "ServiceUnavailable", message, List.of());
        e.initCause(cause);
        return e;
    }

    /** Reads an error answer; a body that is not a {@code Status} still gives a readable message. */
    public static ApiException fromResponse(int code, byte[] body) {
        JsonNode status = null;
        try {
            status = body.length == 0 ? null : Json.parse(body);
        } catch (IllegalArgumentException notJson) {
            status = null;
        }
        if (status != null && status.isObject() && "Status".equals(status.path("kind").asText())) {
            return fromStatus(status, code);
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        String message = text.isEmpty() || text.length() > 300 ? "the server answered HTTP " + code : text;
        return new ApiException(code, reasonFor(code), message, List.of());
    }

    /** Reads a {@code Status} object, as sent in an error answer or a watch's ERROR event. */
    public static ApiException fromStatus(JsonNode status, int fallbackCode) {
        int code = status.path("code").asInt(fallbackCode);
        String reason = status.path("reason").asText("");
        if (reason.isEmpty()) {
            reason = reasonFor(code);
        }
        List<Cause> causes = new ArrayList<>();
        for (JsonNode cause : status.path("details").path("causes")) {
            causes.add(new Cause(cause.path("field").asText(""), cause.path("reason").asText(""),
                    cause.path("message").asText("")));
        }
        String message = status.path("message").asText("");
        if (message.isEmpty()) {
            message = "the server answered " + reason + " (HTTP " + code + ")";
        }
        return new ApiException(code, reason, withCauses(message, causes), causes, message);
    }

    /** Appends the causes the message does not already name, so a person sees every field at fault. */
    private static String withCauses(String message, List<Cause> causes) {
        List<String> missing = causes.stream().map(Cause::format).filter(c -> !message.contains(c)).toList();
        return missing.isEmpty() ? message : message + ": " + String.join("; ", missing);
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "Unknown";
        };
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public List<Cause> causes() {
        return causes;
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
}
