package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of kubectl's JSONPath templates people use: text with {@code {.path}} actions, where a path is
 * {@code .field}, {@code ['field']}, {@code [N]}, {@code [*]} and {@code [?(@.field=="value")]} (or {@code !=});
 * {@code {range PATH}...{end}} repeats its body for each match; {@code {"\n"}} is literal text. Several matches
 * print space-separated; strings print raw, objects as JSON; a missing field prints nothing.
 */
public final class JsonPath {
    private sealed interface Part permits Text, Path, Range {
    }

    private record Text(String text) implements Part {
    }

    private record Path(List<Step> steps) implements Part {
    }

    private record Range(Path over, List<Part> body) implements Part {
    }

    private sealed interface Step permits Field, Index, Wildcard, Filter {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record Wildcard() implements Step {
    }

    private record Filter(List<Step> path, boolean equal, String value) implements Step {
    }

    private final List<Part> parts;

    private JsonPath(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Parses a template; a mistake is an {@link IllegalArgumentException} quoting the template. */
    public static JsonPath parse(String template) {
        Parser parser = new Parser(template);
        List<Part> parts = parser.parts(false);
        return new JsonPath(parts);
    }

    public String render(JsonNode root) {
        StringBuilder out = new StringBuilder();
        render(parts, root, out);
        return out.toString();
    }

    private static void render(List<Part> parts, JsonNode current, StringBuilder out) {
        for (Part part : parts) {
            switch (part) {
                case Text text -> out.append(text.text());
                case Path path -> {
                    List<String> values = new ArrayList<>();
                    for (JsonNode match : evaluate(path.steps(), current)) {
                        values.add(match.isValueNode() ? match.asText() : match.toString());
                    }
                    out.append(String.join(" ", values));
                }
                case Range range -> {
                    for (JsonNode item : evaluate(range.over().steps(), current)) {
                        render(range.body(), item, out);
                    }
                }
            }
        }
    }

    private static List<JsonNode> evaluate(List<Step> steps, JsonNode start) {
        List<JsonNode> current = List.of(start);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                switch (step) {
                    case Field field -> {
                        if (node.has(field.name())) {
                            next.add(node.get(field.name()));
                        }
                    }
                    case Index index -> {
                        int i = index.index() < 0 ? node.size() + index.index() : index.index();
                        if (node.isArray() && i >= 0 && i < node.size()) {
                            next.add(node.get(i));
                        }
                    }
                    case Wildcard wildcard -> node.elements().forEachRemaining(next::add);
                    case Filter filter -> node.elements().forEachRemaining(item -> {
                        List<JsonNode> found = evaluate(filter.path(), item);
                        boolean matches = found.stream().anyMatch(f -> f.isValueNode() && f.asText().equals(filter.value()));
                        if (matches == filter.equal()) {
                            next.add(item);
                        }
                    });
                }
            }
            current = next;
        }
        return current;
    }

    /** Reads the template left to right; {@code {end}} closes the innermost range. */
    private static final class Parser {
        private final String template;
        private int at;

        Parser(String template) {
            this.template = template;
        }

        List<Part> parts(boolean inRange) {
            List<Part> parts = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (at < template.length()) {
                char c = template.charAt(at);
                if (c != '{') {
                    text.append(c);
                    at++;
                    continue;
                }
                int close = template.indexOf('}', at);
                if (close < 0) {
                    throw error("unclosed {");
                }
                String action = template.substring(at + 1, close).strip();
                at = close + 1;
                if (!text.isEmpty()) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                if (action.equals("end")) {
                    if (!inRange) {
                        throw error("{end} without {range}");
                    }
                    return parts;
                }
                if (action.startsWith("range ")) {
                    Path over = path(action.substring(6).strip());
                    parts.add(new Range(over, parts(true)));
                } else if (action.startsWith("\"") && action.endsWith("\"") && action.length() >= 2) {
                    parts.add(new Text(unescape(action.substring(1, action.length() - 1))));
                } else {
                    parts.add(path(action));
                }
            }
            if (inRange) {
                throw error("{range} without {end}");
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
            }
            return parts;
        }

        private Path path(String expression) {
            String e = expression.startsWith("$") ? expression.substring(1) : expression;
            List<Step> steps = new ArrayList<>();
            int i = 0;
            while (i < e.length()) {
                char c = e.charAt(i);
                if (c == '.') {
                    int end = i + 1;
                    while (end < e.length() && e.charAt(end) != '.' && e.charAt(end) != '[') {
                        end++;
                    }
                    String name = e.substring(i + 1, end);
                    if (name.equals("*")) {
                        steps.add(new Wildcard());
                    } else if (!name.isEmpty()) {
                        steps.add(new Field(name));
                    } else if (end < e.length() && e.charAt(end) == '.') {
                        throw error("recursive descent (..) is not supported");
                    }
                    i = end;
                } else if (c == '[') {
                    int end = closingBracket(e, i);
                    steps.add(bracket(e.substring(i + 1, end).strip()));
                    i = end + 1;
                } else {
                    throw error("unexpected \"" + c + "\" in \"" + expression + "\"");
                }
            }
            return new Path(steps);
        }

        private int closingBracket(String e, int open) {
            boolean quoted = false;
            for (int i = open + 1; i < e.length(); i++) {
                char c = e.charAt(i);
                if (c == '"' || c == '\'') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    return i;
                }
            }
            throw error("unclosed [");
        }

        private Step bracket(String inside) {
            if (inside.equals("*")) {
                return new Wildcard();
            }
            if (inside.matches("-?\\d+")) {
                return new Index(Integer.parseInt(inside));
            }
            if ((inside.startsWith("'") && inside.endsWith("'")) || (inside.startsWith("\"") && inside.endsWith("\""))) {
                return new Field(inside.substring(1, inside.length() - 1));
            }
            var filter = java.util.regex.Pattern.compile("\\?\\(@(\\S*?)\\s*(==|!=)\\s*(['\"]?)(.*?)\\3\\)").matcher(inside);
            if (filter.matches()) {
                return new Filter(path(filter.group(1)).steps(), filter.group(2).equals("=="), filter.group(4));
            }
            throw error("unsupported [" + inside + "]");
        }

        private static String unescape(String text) {
            return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"");
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("invalid jsonpath template \"" + template + "\": " + problem);
        }
    }
}
