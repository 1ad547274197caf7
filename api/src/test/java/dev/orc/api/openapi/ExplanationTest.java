package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code orc explain} prints, from the OpenAPI documents. */
class ExplanationTest {
    private static final Map<String, ObjectNode> DOCUMENTS = OpenApiDocuments.standard().byPath();

    @Test
    void aFieldShowsItsTypeDescriptionAndFields() {
        String text = Explanation.of(DOCUMENTS.get("apis/apps/v1"), ResourceTypes.DEPLOYMENT, List.of("spec", "strategy"), false);

        assertThat(text).startsWith("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n"
                + "FIELD: strategy <DeploymentStrategy>\n\nDESCRIPTION:\n"
                + "    How new pods replace old ones.\n    How a Deployment replaces existing pods with new ones.\n\nFIELDS:\n");
        assertThat(text).contains("  type\t<string>\n  enum: RollingUpdate, Recreate\n    The kind of replacement:");
        assertThat(text).contains("  rollingUpdate\t<RollingUpdateDeployment>\n    Limits of a rolling update");
    }

    @Test
    void aKindShowsItsFieldsAndWhichAreRequired() {
        String text = Explanation.of(DOCUMENTS.get("api/v1"), ResourceTypes.POD, List.of(), false);

        assertThat(text).startsWith("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n");
        assertThat(text).contains("  spec\t<PodSpec> -required-\n").contains("  status\t<PodStatus>\n");
    }

    @Test
    void fieldsOfListsAndIntOrStringsAreReachedAndNamed() {
        String text = Explanation.of(DOCUMENTS.get("api/v1"), ResourceTypes.SERVICE, List.of("spec", "ports", "targetPort"),
                false);

        assertThat(text).contains("FIELD: targetPort <IntOrString>\n");
        assertThat(text).contains("The pods' port traffic goes to");
        assertThat(Explanation.of(DOCUMENTS.get("api/v1"), ResourceTypes.POD, List.of("spec", "containers"), false))
                .contains("FIELD: containers <[]Container> -required-\n").contains("  image\t<string> -required-\n");
    }

    @Test
    void recursivelyEveryFieldIsListedIndentedWithoutDescriptions() {
        String text = Explanation.of(DOCUMENTS.get("api/v1"), ResourceTypes.POD, List.of(), true);

        assertThat(text).contains("  spec\t<PodSpec> -required-\n    containers\t<[]Container> -required-\n      name\t<string>");
        assertThat(text).contains("        limits\t<map[string]Quantity>\n");
        assertThat(text).doesNotContain("The containers of the pod");
    }

    @Test
    void anUnknownFieldIsNamedByItsPath() {
        assertThatThrownBy(() -> Explanation.of(DOCUMENTS.get("apis/apps/v1"), ResourceTypes.DEPLOYMENT,
                List.of("spec", "strategy", "surge"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field \"spec.strategy.surge\" does not exist in Deployment (apps/v1)");
    }

    @Test
    void aDocumentWithoutTheKindSaysSo() {
        assertThatThrownBy(() -> Explanation.of(DOCUMENTS.get("api/v1"), ResourceTypes.DEPLOYMENT, List.of(), false))
                .hasMessageContaining("has no schema of Deployment");
    }
}
