package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schemas of every kind, read once from the classpath ({@code schemas/} at the repository root is
 * packaged there) and compiled up front. Immutable after construction, so one instance serves every thread.
 */
public final class SchemaCatalog {
    /** The base of every schema's {@code $id}; {@code $ref}s between the files resolve against it. */
    public static final String BASE_URI = "https://orc.dev/schemas/";
    static final String MESSAGE_KEYWORD = "x-orc-message";
    private static final String CLASSPATH_DIR = "schemas/";
    public static final String SHARED_DEFINITIONS = "_defs.json";

    private final Map<ResourceType, Schema> schemas;
    private final Map<String, JsonNode> documents;

    private SchemaCatalog(Map<ResourceType, Schema> schemas, Map<String, JsonNode> documents) {
        this.schemas = Map.copyOf(schemas);
        this.documents = Map.copyOf(documents);
    }

    /** Reads and compiles the schema of every kind in {@link ResourceTypes#all()}. */
    public static SchemaCatalog load() {
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new IgnoredFieldKeyword())
                .keyword(new AnnotationKeyword(MESSAGE_KEYWORD))
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder
                .schemaIdResolvers(resolvers -> resolvers.mapPrefix(BASE_URI, "classpath:" + CLASSPATH_DIR)));

        Map<String, JsonNode> documents = sources();
        Map<ResourceType, Schema> schemas = new LinkedHashMap<>();
        for (ResourceType type : ResourceTypes.all()) {
            Schema schema = registry.getSchema(SchemaLocation.of(BASE_URI + fileName(type)));
            schema.initializeValidators();
            schemas.put(type, schema);
        }
        return new SchemaCatalog(schemas, documents);
    }

    /**
     * The schema files as they are written, by file name: {@value #SHARED_DEFINITIONS} and one per kind, in the
     * order of {@link ResourceTypes#all()}; read without compiling them, for documents built from the same source
     * (OpenAPI).
     */
    public static Map<String, JsonNode> sources() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put(SHARED_DEFINITIONS, read(SHARED_DEFINITIONS));
        for (ResourceType type : ResourceTypes.all()) {
            documents.put(fileName(type), read(fileName(type)));
        }
        return documents;
    }

    /** {@code v1.Pod.json}, {@code apps.v1.Deployment.json}, {@code orc.dev.v1.GitSource.json}. */
    public static String fileName(ResourceType type) {
        return type.apiVersion().replace('/', '.') + "." + type.kind() + ".json";
    }

    /** The raw schema document of a kind, for serving to editors or {@code /openapi}. */
    public JsonNode document(ResourceType type) {
        return documents.get(fileName(type));
    }

    Schema schema(ResourceType type) {
        Schema schema = schemas.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for " + type.apiVersion() + " " + type.kind());
        }
        return schema;
    }

    /** The schema object a validation message's location points into, e.g. the parent of its keyword. */
    Optional<JsonNode> node(SchemaLocation location) {
        String iri = location.getAbsoluteIri() == null ? "" : location.getAbsoluteIri().toString();
        if (!iri.startsWith(BASE_URI)) {
            return Optional.empty();
        }
        JsonNode node = documents.get(iri.substring(BASE_URI.length()));
        NodePath fragment = location.getFragment();
        for (int i = 0; node != null && i < fragment.getNameCount(); i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        return Optional.ofNullable(node);
    }

    /** The schema that holds the keyword a location ends in ({@code .../properties/port/minimum} → the port's schema). */
    Optional<JsonNode> keywordOwner(SchemaLocation location) {
        NodePath fragment = location.getFragment();
        if (fragment.getNameCount() == 0) {
            return Optional.empty();
        }
        return node(new SchemaLocation(location.getAbsoluteIri(), fragment.getParent()));
    }

    private static JsonNode read(String file) {
        String resource = CLASSPATH_DIR + file;
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is missing from the classpath");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }
}
