package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** How a value from a manifest is quoted in a message: {@code string "three"}, {@code number 1.5}, {@code an object}. */
final class Values {
    private static final int MAX_QUOTED = 80;

    private Values() {
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "string " + quote(node.asText());
            case NUMBER -> "number " + node.asText();
            case BOOLEAN -> "boolean " + node.asText();
            case NULL -> "null";
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** What a value is without saying what it holds: {@code a string}, {@code a number}, {@code an object}. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The value itself as a person would write it: {@code "Web_1"}, {@code 70000}. */
    static String literal(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        return node.isTextual() ? quote(node.asText()) : node.isContainerNode() ? describe(node) : node.asText();
    }

    static String quote(String text) {
        String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
        StringBuilder out = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
