package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;

import java.util.Map;

/**
 * A Swagger 2.0 document in the protocol buffers form kubectl and client-go ask {@code /openapi/v2} for
 * ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}): gnostic's {@code openapi.v2.Document}, with
 * the field numbers of its {@code OpenAPIv2.proto}. Vendor extensions and other free values travel as YAML text,
 * which JSON is.
 */
public final class SwaggerProtobuf {
    /** What clients ask for. */
    public static final String CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
    /** What the answer is labelled, as kube-apiserver labels it: Go's media type parser refuses the '@'. */
    public static final String ANSWER_CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private SwaggerProtobuf() {
    }

    public static byte[] encode(JsonNode document) {
        return ProtoWriter.message(doc -> {
            doc.string(1, document.path("swagger").asText());
            doc.message(2, info -> info.string(1, document.at("/info/title").asText())
                    .string(2, document.at("/info/version").asText()));
            doc.message(8, paths -> document.path("paths").properties().forEach(path ->
                    paths.message(2, named -> named.string(1, path.getKey()).message(2, item -> pathItem(item, path.getValue())))));
            doc.message(9, definitions -> document.path("definitions").properties().forEach(definition ->
                    definitions.message(1, named -> named.string(1, definition.getKey())
                            .message(2, schema -> schema(schema, definition.getValue())))));
        });
    }

    private static void pathItem(ProtoWriter item, JsonNode path) {
        if (path.has("get")) {
            item.message(2, operation -> operation(operation, path.get("get")));
        }
    }

    private static void operation(ProtoWriter operation, JsonNode get) {
        operation.string(3, get.path("description").asText());
        operation.string(5, get.path("operationId").asText());
        get.path("produces").forEach(type -> operation.string(6, type.asText()));
        operation.message(9, responses -> get.path("responses").properties().forEach(response ->
                responses.message(1, named -> named.string(1, response.getKey()).message(2, value -> value.message(1, r -> {
                    r.string(1, response.getValue().path("description").asText());
                    if (response.getValue().has("schema")) {
                        r.message(2, item -> item.message(1, schema -> schema(schema, response.getValue().get("schema"))));
                    }
                })))));
        extensions(operation, 13, get);
    }

    private static void schema(ProtoWriter out, JsonNode schema) {
        out.string(1, schema.path("$ref").asText());
        out.string(2, schema.path("format").asText());
        out.string(3, schema.path("title").asText());
        out.string(4, schema.path("description").asText());
        if (schema.has("default")) {
            out.message(5, any -> any.string(2, Json.write(schema.get("default"))));
        }
        out.float64(7, schema.path("maximum").asDouble());
        out.float64(9, schema.path("minimum").asDouble());
        out.int64(11, schema.path("maxLength").asLong());
        out.int64(12, schema.path("minLength").asLong());
        out.string(13, schema.path("pattern").asText());
        out.int64(14, schema.path("maxItems").asLong());
        out.int64(15, schema.path("minItems").asLong());
        schema.path("required").forEach(name -> out.string(19, name.asText()));
        schema.path("enum").forEach(value -> out.message(20, any -> any.string(2, Json.write(value))));
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            out.message(21, item -> item.message(1, nested -> schema(nested, additional)));
        } else if (additional.isBoolean()) {
            out.message(21, item -> item.bool(2, additional.asBoolean()));
        }
        if (schema.path("type").isTextual()) {
            out.message(22, type -> type.string(1, schema.get("type").asText()));
        }
        if (schema.path("items").isObject()) {
            out.message(23, items -> items.message(1, nested -> schema(nested, schema.get("items"))));
        }
        if (schema.path("properties").isObject()) {
            out.message(25, properties -> schema.get("properties").properties().forEach(property ->
                    properties.message(1, named -> named.string(1, property.getKey())
                            .message(2, nested -> schema(nested, property.getValue())))));
        }
        out.bool(27, schema.path("readOnly").asBoolean());
        extensions(out, 31, schema);
    }

    /** The {@code x-} fields of {@code node} as repeated {@code NamedAny} field {@code field}. */
    private static void extensions(ProtoWriter out, int field, JsonNode node) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().startsWith("x-")) {
                out.message(field, named -> named.string(1, entry.getKey())
                        .message(2, any -> any.string(2, Json.write(entry.getValue()))));
            }
        }
    }
}
