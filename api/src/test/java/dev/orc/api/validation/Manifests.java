package dev.orc.api.validation;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Test documents: YAML read with plain SnakeYAML (the line-aware loader lives elsewhere), JSON with Jackson. */
final class Manifests {
    private Manifests() {
    }

    static List<JsonNode> parse(String text) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(text)) {
            if (document != null) {
                documents.add(Json.mapper().valueToTree(document));
            }
        }
        return documents;
    }

    static Editable one(String yaml) {
        List<JsonNode> documents = parse(yaml);
        if (documents.size() != 1) {
            throw new IllegalArgumentException("expected one document, got " + documents.size());
        }
        return new Editable((ObjectNode) documents.get(0));
    }

    /** Every file under a classpath directory of the test resources. */
    static List<Path> files(String directory) {
        try (Stream<Path> walk = Files.walk(Path.of(Objects.requireNonNull(
                Manifests.class.getResource(directory), directory).toURI()))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> read(Path file) {
        try {
            String text = Files.readString(file);
            return file.toString().endsWith(".json") ? List.of(Json.parse(text)) : parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document changed field by field through JSON pointers ({@code /-} appends to a list), for one broken thing per test. */
    record Editable(ObjectNode node) {
        Editable set(String pointer, Object value) {
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = node.at(at.head());
            JsonNode tree = Json.tree(value);
            String last = at.last().getMatchingProperty();
            if (parent instanceof ArrayNode array && last.equals("-")) {
                array.add(tree);
            } else if (parent instanceof ArrayNode array) {
                array.set(Integer.parseInt(last), tree);
            } else {
                ((ObjectNode) parent).set(last, tree);
            }
            return this;
        }

        Editable remove(String pointer) {
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = node.at(at.head());
            if (parent instanceof ArrayNode array) {
                array.remove(Integer.parseInt(at.last().getMatchingProperty()));
            } else {
                ((ObjectNode) parent).remove(at.last().getMatchingProperty());
            }
            return this;
        }

        Editable rename(String pointer, String newName) {
            JsonPointer at = JsonPointer.compile(pointer);
            ObjectNode parent = (ObjectNode) node.at(at.head());
            JsonNode value = parent.remove(at.last().getMatchingProperty());
            parent.set(newName, value);
            return this;
        }
    }
}
