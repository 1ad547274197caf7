package dev.orc.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Defaulting runs on whatever a user sends, before validation: it must never throw, and must settle at once. */
class DefaultsPropertyTest {
    private static final List<ObjectNode> FIXTURES = new ArrayList<>();

    static {
        FIXTURES.addAll(Fixtures.resource("core.yaml"));
        FIXTURES.addAll(Fixtures.resource("workloads.yaml"));
    }

    @Property(tries = 300)
    void mutatedObjectsDefaultWithoutErrorIdempotentlyAndKeepTheirKeysInOrder(@ForAll("mutated") ObjectNode object) {
        ObjectNode once = Defaults.apply(object);

        assertThat(Json.write(Defaults.apply(once))).isEqualTo(Json.write(once));
        assertKeysKeptInOrder(object, once);
    }

    @Provide
    Arbitrary<ObjectNode> mutated() {
        return Arbitraries.integers().between(0, FIXTURES.size() - 1)
                .flatMap(index -> Arbitraries.longs().map(seed -> mutate(FIXTURES.get(index), new Random(seed))));
    }

    /** Replaces or removes a few random fields, and sometimes strips the object to its type. */
    private static ObjectNode mutate(ObjectNode fixture, Random random) {
        ObjectNode copy = fixture.deepCopy();
        if (random.nextInt(4) == 0) {
            copy.remove(List.of("spec", "status", "subsets", "data"));
        }
        for (int i = random.nextInt(6); i >= 0; i--) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(copy, objects);
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                continue;
            }
            String field = names.get(random.nextInt(names.size()));
            switch (random.nextInt(6)) {
                case 0 -> target.remove(field);
                case 1 -> target.putNull(field);
                case 2 -> target.put(field, "junk");
                case 3 -> target.put(field, -7);
                case 4 -> target.set(field, JsonNodeFactory.instance.arrayNode().add(1).addNull());
                default -> target.set(field, JsonNodeFactory.instance.objectNode());
            }
        }
        return copy;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        if (node instanceof ObjectNode || node instanceof ArrayNode) {
            node.elements().forEachRemaining(child -> collectObjects(child, out));
        }
    }

    /** Every key of the input is in the output, in the same relative order, at every level. */
    private static void assertKeysKeptInOrder(JsonNode before, JsonNode after) {
        if (before instanceof ObjectNode object) {
            List<String> beforeKeys = new ArrayList<>();
            object.fieldNames().forEachRemaining(beforeKeys::add);
            List<String> afterKeys = new ArrayList<>();
            after.fieldNames().forEachRemaining(afterKeys::add);
            assertThat(afterKeys.subList(0, beforeKeys.size())).isEqualTo(beforeKeys);
            for (String key : beforeKeys) {
                if (!before.get(key).isNull()) {
                    assertKeysKeptInOrder(before.get(key), after.get(key));
                }
            }
        } else if (before instanceof ArrayNode array) {
            Iterator<JsonNode> afterElements = after.elements();
            array.forEach(element -> assertKeysKeptInOrder(element, afterElements.next()));
        } else {
            assertThat(after).isEqualTo(before);
        }
    }
}
