package dev.orc.reconciler.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.model.Defaults;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.api.validation.Problem;
import dev.orc.reconciler.apiserver.registry.Admission;

import java.util.List;

/**
 * Server-side defaulting and schema validation of every write, as Kubernetes does them: the object is
 * defaulted first, then validated; any error refuses the write with 422 and a cause per field.
 */
public final class SchemaAdmission implements Admission {
    private final ManifestValidator validator;

    public SchemaAdmission(ManifestValidator validator) {
        this.validator = validator;
    }

    @Override
    public ObjectNode admit(ResourceType type, ObjectNode incoming, ObjectNode existingOrNull) {
        ObjectNode defaulted = Defaults.apply(incoming);
        List<Problem> problems = validator.validate(defaulted).stream().filter(Problem::isError).toList();
        Admission.rejectErrors(type, defaulted, problems);
        return defaulted;
    }
}
