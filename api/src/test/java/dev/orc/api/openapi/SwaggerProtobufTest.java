package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The protobuf form read back field by field with a decoder of the wire format written here. */
class SwaggerProtobufTest {
    private static final ObjectNode DOCUMENT = SwaggerDocument.standard();
    private static final byte[] ENCODED = SwaggerProtobuf.encode(DOCUMENT);

    /** One field of a message: its number and, for length-delimited fields, its bytes (else its varint). */
    private record Field(int number, byte[] bytes, long number64) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int wireType = (int) (tag & 7);
            int number = (int) (tag >>> 3);
            switch (wireType) {
                case 0 -> fields.add(new Field(number, new byte[0], varint(message, at)));
                case 1 -> {
                    at[0] += 8;
                    fields.add(new Field(number, new byte[0], 0));
                }
                case 2 -> {
                    int length = (int) varint(message, at);
                    byte[] bytes = java.util.Arrays.copyOfRange(message, at[0], at[0] + length);
                    at[0] += length;
                    fields.add(new Field(number, bytes, 0));
                }
                default -> throw new AssertionError("wire type " + wireType);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        int shift = 0;
        while (true) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }

    private static Field only(List<Field> fields, int number) {
        List<Field> matching = fields.stream().filter(f -> f.number() == number).toList();
        assertThat(matching).as("field " + number).hasSize(1);
        return matching.getFirst();
    }

    private static List<Field> all(List<Field> fields, int number) {
        return fields.stream().filter(f -> f.number() == number).toList();
    }

    @Test
    void theDocumentCarriesItsVersionAndEveryDefinitionInOrder() {
        List<Field> document = fields(ENCODED);
        assertThat(only(document, 1).text()).isEqualTo("2.0");
        List<String> names = all(fields(only(document, 9).bytes()), 1).stream()
                .map(named -> only(fields(named.bytes()), 1).text()).toList();
        List<String> expected = new ArrayList<>();
        DOCUMENT.path("definitions").fieldNames().forEachRemaining(expected::add);
        assertThat(names).containsExactlyElementsOf(expected);
        assertThat(all(fields(only(document, 8).bytes()), 2)).hasSize(DOCUMENT.path("paths").size());
    }

    @Test
    void aKindsSchemaCarriesItsTypePropertiesAndGroupVersionKindAsYaml() {
        List<Field> deployment = schema("io.k8s.api.apps.v1.Deployment");
        assertThat(only(fields(only(deployment, 22).bytes()), 1).text()).isEqualTo("object");
        List<String> properties = all(fields(only(deployment, 25).bytes()), 1).stream()
                .map(named -> only(fields(named.bytes()), 1).text()).toList();
        assertThat(properties).contains("apiVersion", "kind", "metadata", "spec", "status");
        Field extension = all(deployment, 31).stream().filter(e -> only(fields(e.bytes()), 1).text()
                .equals("x-kubernetes-group-version-kind")).findFirst().orElseThrow();
        String yaml = only(fields(only(fields(extension.bytes()), 2).bytes()), 2).text();
        assertThat(Json.parse(yaml)).isEqualTo(DOCUMENT.at("/definitions/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind"));
    }

    @Test
    void aReferenceIsItsRefField() {
        List<Field> spec = schema("io.k8s.api.apps.v1.Deployment");
        Field specProperty = all(fields(only(spec, 25).bytes()), 1).stream()
                .filter(named -> only(fields(named.bytes()), 1).text().equals("spec")).findFirst().orElseThrow();
        List<Field> schema = fields(only(fields(specProperty.bytes()), 2).bytes());
        assertThat(only(schema, 1).text()).isEqualTo("#/definitions/io.k8s.api.apps.v1.DeploymentSpec");
    }

    private static List<Field> schema(String name) {
        for (Field named : all(fields(only(fields(ENCODED), 9).bytes()), 1)) {
            List<Field> entry = fields(named.bytes());
            if (only(entry, 1).text().equals(name)) {
                return fields(only(entry, 2).bytes());
            }
        }
        throw new AssertionError("no definition " + name);
    }
}
