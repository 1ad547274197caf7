package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ValidManifestsTest {
    private final ManifestValidator validator = ManifestValidator.standard();

    static Stream<Arguments> documents() {
        return Manifests.files("/manifests/valid").stream().flatMap(file -> {
            List<JsonNode> documents = Manifests.read(file);
            return IntStream.range(0, documents.size()).mapToObj(i -> Arguments.of(
                    name(file, i, documents.get(i)), documents.get(i)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void manifestsInTheShapesUsersWriteHaveNoErrors(String name, JsonNode document) {
        List<Problem> errors = validator.validate(document).stream().filter(Problem::isError).toList();

        assertThat(errors).as(name).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void validationLeavesTheDocumentAsItWas(String name, JsonNode document) {
        JsonNode before = document.deepCopy();

        validator.validate(document);

        assertThat(document).as(name).isEqualTo(before);
    }

    private static String name(Path file, int index, JsonNode document) {
        return file.getFileName() + "#" + index + " " + document.path("kind").asText() + " "
                + document.path("metadata").path("name").asText(document.path("metadata").path("generateName").asText());
    }
}
