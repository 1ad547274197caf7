package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import dev.orc.api.meta.ResourceType;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks one manifest document against the schema of its kind and the rules between its fields, and reports
 * every problem it finds: errors for what Kubernetes would refuse, a warning for each field orc accepts but
 * ignores. Thread-safe; build it once ({@link #standard()}) and share it.
 */
public final class ManifestValidator {
    private final SchemaCatalog catalog;
    private final SchemaMessages messages;

    public ManifestValidator(SchemaCatalog catalog) {
        this.catalog = catalog;
        this.messages = new SchemaMessages(catalog);
    }

    /** The validator over the schemas packaged with orc, loaded on first use. */
    public static ManifestValidator standard() {
        return Standard.INSTANCE;
    }

    /**
     * All problems of one document (a parsed manifest: an object with apiVersion, kind, metadata ...), errors and
     * warnings in the order of their fields in the document, then those about relations between fields; empty
     * when the document is valid. Never throws for a bad document.
     */
    public List<Problem> validate(JsonNode document) {
        KindCheck.Result kind = KindCheck.resolve(document);
        if (kind.type().isEmpty()) {
            return kind.problems();
        }
        ResourceType type = kind.type().get();
        JsonNode checked = NullFields.withoutNullFields(document);
        Set<Problem> problems = new LinkedHashSet<>();
        catalog.schema(type).validate(checked).stream()
                .sorted(Comparator.comparing(Error::getInstanceLocation, DocumentOrder.of(checked)))
                .forEach(error -> problems.add(
                        messages.translate(error, SecretValues.covers(type, error.getInstanceLocation()))));
        problems.addAll(ManifestRules.check(type, checked));
        return List.copyOf(problems);
    }

    /** Whether any of the problems is an error (warnings alone leave a document valid). */
    public static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(Problem::isError);
    }

    private static final class Standard {
        private static final ManifestValidator INSTANCE = new ManifestValidator(SchemaCatalog.load());
    }
}
