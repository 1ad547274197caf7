package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.cli.output.JsonPath;

import java.util.Locale;
import java.util.Optional;

/**
 * What {@code orc wait --for} waits for, as kubectl spells it: {@code delete}, {@code condition=TYPE[=STATUS]}
 * (status True when not given; both compared ignoring case) or {@code jsonpath={PATH}[=VALUE]} (without a value:
 * the path has a non-empty value).
 */
sealed interface WaitCondition {
    /** Whether the object ({@code empty}: it does not exist) is as wanted. */
    boolean met(Optional<JsonNode> object);

    record Deleted() implements WaitCondition {
        @Override
        public boolean met(Optional<JsonNode> object) {
            return object.isEmpty();
        }
    }

    record Condition(String type, String status) implements WaitCondition {
        @Override
        public boolean met(Optional<JsonNode> object) {
            if (object.isEmpty()) {
                return false;
            }
            for (JsonNode condition : object.get().at("/status/conditions")) {
                if (condition.path("type").asText().equalsIgnoreCase(type)
                        && condition.path("status").asText().equalsIgnoreCase(status)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Path(String template, JsonPath path, String value) implements WaitCondition {
        @Override
        public boolean met(Optional<JsonNode> object) {
            if (object.isEmpty()) {
                return false;
            }
            String rendered = path.render(object.get());
            return value == null ? !rendered.isEmpty() : rendered.equals(value);
        }
    }

    /** Reads {@code --for}; a mistake is an {@link IllegalArgumentException} quoting it. */
    static WaitCondition parse(String text) {
        if (text.equals("delete")) {
            return new Deleted();
        }
        if (text.toLowerCase(Locale.ROOT).startsWith("condition=")) {
            String rest = text.substring("condition=".length());
            int equals = rest.indexOf('=');
            String type = equals < 0 ? rest : rest.substring(0, equals);
            if (type.isEmpty()) {
                throw new IllegalArgumentException("--for=" + text + ": name the condition, e.g. condition=Ready");
            }
            return new Condition(type, equals < 0 ? "True" : rest.substring(equals + 1));
        }
        if (text.toLowerCase(Locale.ROOT).startsWith("jsonpath=")) {
            String rest = text.substring("jsonpath=".length());
            int close = rest.lastIndexOf('}');
            if (!rest.startsWith("{") || close < 0) {
                throw new IllegalArgumentException("--for=" + text + ": give the path in braces, e.g. "
                        + "jsonpath={.status.phase}=Running");
            }
            String template = rest.substring(0, close + 1);
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith("=")) {
                throw new IllegalArgumentException("--for=" + text + ": expected =VALUE after the path, got \"" + after + "\"");
            }
            return new Path(template, JsonPath.parse(template), after.isEmpty() ? null : after.substring(1));
        }
        throw new IllegalArgumentException("--for must be delete, condition=TYPE[=STATUS] or jsonpath={PATH}[=VALUE], got \""
                + text + "\"");
    }
}
