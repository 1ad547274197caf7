package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AbstractJsonValidator;
import com.networknt.schema.AbstractKeyword;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonValidator;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;

import java.util.Set;

/**
 * The schema keyword {@code "x-orc-ignored": true}: marks a field Kubernetes defines and orc accepts but does
 * not act on. The validator only runs for a field that is present, and reports it once, without looking inside.
 * An empty value ({@code securityContext: {}}, {@code []}, {@code ""}, as chart templates often emit) asks
 * for nothing, so it is not reported.
 */
final class IgnoredFieldKeyword extends AbstractKeyword {
    static final String NAME = "x-orc-ignored";

    IgnoredFieldKeyword() {
        super(NAME);
    }

    @Override
    public JsonValidator newValidator(SchemaLocation schemaLocation, JsonNodePath evaluationPath, JsonNode schemaNode,
                                      JsonSchema parentSchema, ValidationContext validationContext) {
        return new Validator(schemaLocation, evaluationPath, this, schemaNode);
    }

    private static final class Validator extends AbstractJsonValidator {
        private final boolean ignored;

        Validator(SchemaLocation schemaLocation, JsonNodePath evaluationPath, IgnoredFieldKeyword keyword,
                  JsonNode schemaNode) {
            super(schemaLocation, evaluationPath, keyword, schemaNode);
            this.ignored = schemaNode.asBoolean(false);
        }

        @Override
        public Set<ValidationMessage> validate(ExecutionContext executionContext, JsonNode node, JsonNode rootNode,
                                               JsonNodePath instanceLocation) {
            if (!ignored || isEmpty(node)) {
                return Set.of();
            }
            return Set.of(ValidationMessage.builder()
                    .type(NAME)
                    .code(NAME)
                    .instanceLocation(instanceLocation)
                    .schemaLocation(getSchemaLocation())
                    .evaluationPath(getEvaluationPath())
                    .instanceNode(node)
                    .message("ignored by orc")
                    .build());
        }

        private static boolean isEmpty(JsonNode node) {
            if (node.isTextual()) {
                return node.asText().isEmpty();
            }
            return node.isContainerNode() && node.isEmpty();
        }
    }
}
