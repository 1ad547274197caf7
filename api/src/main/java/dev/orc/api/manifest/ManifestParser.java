package dev.orc.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.validation.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the manifests of one file's bytes: YAML (several documents), JSON, and {@code kind: List}. Never throws
 * for bad input; every problem becomes a {@link Diagnostic} naming the file, line and column.
 */
public final class ManifestParser {
    /** The largest document accepted, as the Kubernetes API server limits a request. */
    public static final int MAX_DOCUMENT_CHARS = 3 * 1024 * 1024;
    /** The largest file accepted (several documents). */
    public static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    private ManifestParser() {
    }

    public static LoadResult parse(String source, byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            return failure(source, Position.START, "file is " + bytes.length + " bytes; at most " + MAX_FILE_BYTES + " are read");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failure(source, Position.START, "not UTF-8 text (is it a binary file?)");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return failure(source, positionOf(text, nul), "not a text file: it contains a NUL character");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(source, text);
    }

    static LoadResult parse(String source, String text) {
        List<Manifest> manifests = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Iterator<Node> documents = yaml().composeAll(new StringReader(text)).iterator();
        int index = 0;
        while (true) {
            Node root;
            try {
                if (!documents.hasNext()) {
                    break;
                }
                root = documents.next();
            } catch (MarkedYAMLException e) {
                diagnostics.add(error(source, YamlTreeReader.position(e.getProblemMark()), "document " + (index + 1),
                        "invalid YAML: " + describe(e)));
                break;
            } catch (ReaderException e) {
                diagnostics.add(error(source, positionOf(text, e.getPosition()), "", "not a text file: " + readerMessage(e)));
                break;
            } catch (YAMLException e) {
                String message = e.getMessage() != null && e.getMessage().startsWith("Nesting Depth exceeded")
                        ? "nesting deeper than " + dev.orc.api.json.Json.MAX_DEPTH + " levels"
                        : "invalid YAML: " + e.getMessage();
                diagnostics.add(error(source, Position.START, "document " + (index + 1), message));
                break;
            } catch (StackOverflowError e) {
                diagnostics.add(error(source, Position.START, "document " + (index + 1), "nesting too deep"));
                break;
            }
            index++;
            readDocument(source, index, root, manifests, diagnostics);
        }
        return new LoadResult(manifests, diagnostics);
    }

    private static void readDocument(String source, int index, Node root, List<Manifest> manifests,
                                     List<Diagnostic> diagnostics) {
        if (root == null || (root instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL))) {
            return;
        }
        Mark start = root.getStartMark();
        Mark end = root.getEndMark();
        if (start != null && end != null && end.getIndex() - start.getIndex() > MAX_DOCUMENT_CHARS) {
            diagnostics.add(error(source, YamlTreeReader.position(start), "document " + index,
                    "document is larger than 3 MiB (" + (end.getIndex() - start.getIndex()) + " characters)"));
            return;
        }
        YamlTreeReader.Result result;
        try {
            result = YamlTreeReader.read(root);
        } catch (ManifestSyntaxException e) {
            diagnostics.add(error(source, e.position(), "document " + index, e.getMessage()));
            return;
        }
        JsonNode tree = result.tree();
        if (!(tree instanceof ObjectNode object)) {
            diagnostics.add(error(source, YamlTreeReader.position(start), "document " + index,
                    "expected an object with apiVersion, kind and metadata, got " + describe(tree)));
            return;
        }
        Manifest manifest = new Manifest(source, index, object, result.positions());
        if (isList(object)) {
            expandList(manifest, manifests, diagnostics);
        } else {
            manifests.add(manifest);
        }
    }

    private static boolean isList(ObjectNode object) {
        JsonNode kind = object.get("kind");
        return kind != null && kind.isTextual() && kind.asText().endsWith("List") && object.has("items");
    }

    private static void expandList(Manifest list, List<Manifest> manifests, List<Diagnostic> diagnostics) {
        JsonNode items = list.object().get("items");
        if (!items.isArray()) {
            diagnostics.add(list.diagnostic(Problem.error("items", "expected a list of objects, got " + describe(items))));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = "items[" + i + "]";
            if (!(item instanceof ObjectNode object)) {
                diagnostics.add(list.diagnostic(Problem.error(path, "expected an object, got " + describe(item))));
                continue;
            }
            manifests.add(new Manifest(list.source(), list.index(), object, list.positions().subtree(path)));
        }
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "the string \"" + abbreviate(node.asText()) + "\"";
        }
        return node.isNull() ? "null" : "the value " + abbreviate(node.toString());
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        String context = e.getContext();
        return context == null ? problem : problem + " (" + context + ")";
    }

    private static String readerMessage(ReaderException e) {
        return "unprintable character 0x" + Integer.toHexString(e.getCodePoint());
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(100);
        options.setNestingDepthLimit(dev.orc.api.json.Json.MAX_DEPTH + 5);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        return new Yaml(options);
    }

    static Position positionOf(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(index, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(line, column);
    }

    private static Diagnostic error(String source, Position position, String subject, String message) {
        return new Diagnostic(Problem.Severity.ERROR, source, position, subject, "", message);
    }

    private static LoadResult failure(String source, Position position, String message) {
        return new LoadResult(List.of(), List.of(error(source, position, "", message)));
    }
}
