package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.AbstractKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;

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
    public KeywordValidator newValidator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
                                         SchemaContext schemaContext) {
        return new Validator(this, schemaNode, schemaLocation);
    }

    private static final class Validator extends AbstractKeywordValidator {
        private final boolean ignored;

        Validator(IgnoredFieldKeyword keyword, JsonNode schemaNode, SchemaLocation schemaLocation) {
            super(keyword, schemaNode, schemaLocation);
            this.ignored = schemaNode.asBoolean(false);
        }

        @Override
        public void validate(ExecutionContext executionContext, JsonNode node, JsonNode rootNode,
                             NodePath instanceLocation) {
            if (!ignored || isEmpty(node)) {
                return;
            }
            executionContext.addError(Error.builder()
                    .keyword(NAME)
                    .instanceLocation(instanceLocation)
                    .schemaLocation(getSchemaLocation())
                    .evaluationPath(executionContext.getEvaluationPath())
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
