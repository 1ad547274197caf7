package dev.orc.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one composed YAML document into a JSON tree and the positions of its fields, as Kubernetes reads
 * YAML (1.1 booleans and numbers, merge keys), refusing what would hang or exhaust memory: nesting deeper than
 * {@link Json#MAX_DEPTH}, alias expansion past {@link #MAX_NODES} nodes, and duplicate keys.
 */
final class YamlTreeReader {
    static final int MAX_NODES = 500_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern OCTAL = Pattern.compile("[-+]?0[0-7_]+");
    private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
    private static final Pattern BINARY = Pattern.compile("[-+]?0b[01_]+");

    private final Map<String, Position> positions = new LinkedHashMap<>();
    private int nodes;

    private YamlTreeReader() {
    }

    record Result(JsonNode tree, SourceMap positions) {
    }

    static Result read(Node root) throws ManifestSyntaxException {
        YamlTreeReader reader = new YamlTreeReader();
        JsonNode tree = reader.convert(root, "", 0);
        return new Result(tree, new SourceMap(reader.positions));
    }

    private JsonNode convert(Node node, String path, int depth) throws ManifestSyntaxException {
        if (depth > Json.MAX_DEPTH) {
            throw new ManifestSyntaxException(position(node.getStartMark()),
                    "nesting deeper than " + Json.MAX_DEPTH + " levels");
        }
        if (++nodes > MAX_NODES) {
            throw new ManifestSyntaxException(position(node.getStartMark()),
                    "document expands to more than " + MAX_NODES + " values (are aliases nested too deeply?)");
        }
        positions.putIfAbsent(path, position(node.getStartMark()));
        if (node instanceof MappingNode mapping) {
            return mapping(mapping, path, depth);
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                array.add(convert(items.get(i), path + "[" + i + "]", depth + 1));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private ObjectNode mapping(MappingNode mapping, String path, int depth) throws ManifestSyntaxException {
        ObjectNode object = NODES.objectNode();
        Map<String, Position> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw new ManifestSyntaxException(position(keyNode.getStartMark()),
                        "a mapping key must be a plain value, not a " + (keyNode instanceof MappingNode ? "mapping" : "list"));
            }
            String key = scalarKey.getValue();
            Position keyPosition = position(keyNode.getStartMark());
            Position first = seen.putIfAbsent(key, keyPosition);
            if (first != null) {
                throw new ManifestSyntaxException(keyPosition,
                        "duplicate key \"" + key + "\" (first at line " + first.line() + ")");
            }
            String childPath = path.isEmpty() ? key : path + "." + key;
            Node valueNode = tuple.getValueNode();
            if (!(valueNode instanceof ScalarNode)) {
                positions.put(childPath, keyPosition);
            }
            object.set(key, convert(valueNode, childPath, depth + 1));
        }
        mergeKeys(mapping, object, path, depth);
        return object;
    }

    /** {@code <<: *base} and {@code <<: [*a, *b]}: the listed mappings' keys fill in what the mapping lacks. */
    private void mergeKeys(MappingNode mapping, ObjectNode object, String path, int depth) throws ManifestSyntaxException {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                continue;
            }
            Node value = tuple.getValueNode();
            List<Node> sources = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
            for (Node source : sources) {
                if (!(source instanceof MappingNode)) {
                    throw new ManifestSyntaxException(position(source.getStartMark()), "a merge key (<<) takes a mapping or a list of mappings");
                }
                ObjectNode merged = (ObjectNode) convert(source, path, depth);
                merged.properties().forEach(entry -> {
                    if (!object.has(entry.getKey())) {
                        object.set(entry.getKey(), entry.getValue());
                    }
                });
            }
        }
    }

    private static JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return NODES.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return NODES.booleanNode(switch (value.toLowerCase()) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            });
        }
        if (tag.equals(Tag.INT)) {
            JsonNode number = integer(value);
            return number != null ? number : NODES.textNode(value);
        }
        if (tag.equals(Tag.FLOAT)) {
            return floating(value);
        }
        return NODES.textNode(value);
    }

    private static JsonNode integer(String text) {
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        String unsigned = digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
        BigInteger magnitude;
        if (HEX.matcher(text).matches()) {
            magnitude = new BigInteger(unsigned.substring(2), 16);
        } else if (BINARY.matcher(text).matches()) {
            magnitude = new BigInteger(unsigned.substring(2), 2);
        } else if (OCTAL.matcher(text).matches()) {
            magnitude = new BigInteger(unsigned, 8);
        } else if (DECIMAL.matcher(text).matches()) {
            magnitude = new BigInteger(unsigned);
        } else {
            return null;
        }
        BigInteger number = negative ? magnitude.negate() : magnitude;
        return number.bitLength() < 64 ? NODES.numberNode(number.longValue()) : NODES.numberNode(number);
    }

    private static JsonNode floating(String text) {
        String clean = text.replace("_", "");
        try {
            double number = Double.parseDouble(clean);
            if (Double.isFinite(number)) {
                if (number == Math.rint(number) && Math.abs(number) < 1e15 && !clean.contains(".")) {
                    return NODES.numberNode((long) number);
                }
                return NODES.numberNode(new java.math.BigDecimal(clean));
            }
        } catch (NumberFormatException ignored) {
            // .inf, .nan and sexagesimal forms have no JSON number: keep the text as written.
        }
        return NODES.textNode(text);
    }

    static Position position(Mark mark) {
        return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
