package dev.orc.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/**
 * How a remote command ended, as the error channel carries it: a metav1.Status of {@code Success}, or of
 * {@code Failure} with reason {@code NonZeroExitCode} and the code as the {@code ExitCode} cause, as the kubelet sends
 * it; any other failure (no such container, the runtime refused) is a message and exit code 1 for the client.
 */
public record ExitStatus(int exitCode, String message) {

    public static ExitStatus exited(int exitCode) {
        return new ExitStatus(exitCode, exitCode == 0 ? "" : "command terminated with non-zero exit code: " + exitCode);
    }

    public static ExitStatus failed(String message) {
        return new ExitStatus(-1, message);
    }

    public boolean success() {
        return exitCode == 0;
    }

    /** The exit code a client process ends with: the command's, or 1 when it never ran. */
    public int processExitCode() {
        return exitCode < 0 ? 1 : exitCode;
    }

    public byte[] toJson() {
        ObjectNode status = Json.object();
        status.putObject("metadata");
        if (success()) {
            status.put("status", "Success");
            return Json.bytes(status);
        }
        status.put("status", "Failure").put("message", message);
        if (exitCode > 0) {
            status.put("reason", "NonZeroExitCode");
            status.putObject("details").putArray("causes").addObject().put("reason", "ExitCode")
                    .put("message", Integer.toString(exitCode));
        } else {
            status.put("reason", "InternalError");
        }
        return Json.bytes(status);
    }

    /** The status read from the error channel; what is not a Status is a failure carrying the text. */
    public static ExitStatus parse(byte[] json) {
        JsonNode status;
        try {
            status = Json.parse(json);
        } catch (RuntimeException e) {
            return failed(new String(json, java.nio.charset.StandardCharsets.UTF_8).strip());
        }
        if ("Success".equals(status.path("status").asText())) {
            return exited(0);
        }
        String message = status.path("message").asText("the command failed");
        if ("NonZeroExitCode".equals(status.path("reason").asText())) {
            for (JsonNode cause : status.path("details").path("causes")) {
                if ("ExitCode".equals(cause.path("reason").asText())) {
                    try {
                        return new ExitStatus(Integer.parseInt(cause.path("message").asText()), message);
                    } catch (NumberFormatException e) {
                        return failed(message);
                    }
                }
            }
        }
        return failed(message);
    }
}
