package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.orc.api.status.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fieldSelector} query parameter ({@code metadata.name=web,spec.nodeName!=,status.phase==Running}):
 * each term compares the string value of a dotted field path; a missing field reads as the empty string.
 */
public record FieldSelectorQuery(List<Term> terms) {
    public record Term(String path, boolean negated, String value) {
        boolean matches(ObjectNode object) {
            JsonNode node = object;
            for (String segment : path.split("\\.")) {
                node = node == null ? null : node.get(segment);
            }
            String actual = node == null || node.isNull() ? "" : node.asText();
            return actual.equals(value) != negated;
        }
    }

    public FieldSelectorQuery {
        terms = List.copyOf(terms);
    }

    public static FieldSelectorQuery everything() {
        return new FieldSelectorQuery(List.of());
    }

    public static FieldSelectorQuery parse(String text) {
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int at = part.indexOf("!=");
            boolean negated = at >= 0;
            int width = 2;
            if (!negated) {
                at = part.indexOf("==");
                if (at < 0) {
                    at = part.indexOf('=');
                    width = 1;
                }
            }
            if (at <= 0) {
                throw new ApiException.BadRequest("invalid field selector \"" + text + "\": \"" + part
                        + "\" is not of the form field=value, field==value or field!=value");
            }
            terms.add(new Term(part.substring(0, at).trim(), negated, part.substring(at + width).trim()));
        }
        return new FieldSelectorQuery(terms);
    }

    public boolean matches(ObjectNode object) {
        return terms.stream().allMatch(t -> t.matches(object));
    }
}
