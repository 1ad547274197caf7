package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Valid manifests with random parts replaced by random values: the validator answers with problems, never an exception. */
class MutatedManifestsTest {
    private static final List<JsonNode> DOCUMENTS = Manifests.files("/manifests/valid").stream()
            .flatMap(file -> Manifests.read(file).stream()).toList();
    private final ManifestValidator validator = ManifestValidator.standard();

    @Property(tries = 300)
    void mutatedDocumentsGiveProblemsNotExceptions(@ForAll long seed) {
        Random random = new Random(seed);
        JsonNode document = DOCUMENTS.get(random.nextInt(DOCUMENTS.size())).deepCopy();
        for (int i = 0, mutations = 1 + random.nextInt(4); i < mutations; i++) {
            mutate(document, random);
        }

        List<Problem> problems = validator.validate(document);

        assertThat(problems).allSatisfy(problem -> {
            assertThat(problem.path()).isNotNull();
            assertThat(problem.message()).isNotBlank();
        });
    }

    private static void mutate(JsonNode document, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(document, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(5) == 0) {
                object.remove(name);
            } else {
                object.set(random.nextInt(4) == 0 ? name + "x" : name, randomValue(random));
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), randomValue(random));
        }
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collectContainers(child, out));
        }
    }

    private static JsonNode randomValue(Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(9)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(random.nextInt(200_000) - 100_000);
            case 3 -> nodes.numberNode(random.nextDouble() * 1e6);
            case 4 -> nodes.textNode("");
            case 5 -> nodes.textNode("Bad Value_" + random.nextInt(100));
            case 6 -> nodes.arrayNode().add(random.nextInt(10)).add("x");
            case 7 -> nodes.objectNode().put("unexpected", "field");
            default -> nodes.textNode("a".repeat(random.nextInt(300)));
        };
    }
}
