package dev.orc.api.validation;

import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A Secret's values never appear in a validation message: they would land in GitSource status and Events. */
class SecretValueMessagesTest {
    private final ManifestValidator validator = ManifestValidator.standard();

    private List<Problem> validate(String json) {
        return validator.validate(Json.parse(json));
    }

    @Test
    void plainTextUnderSecretDataIsRefusedWithoutQuotingIt() {
        List<Problem> problems = validate("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                 "data": {"password": "hunter2!"}}""");

        assertThat(problems).containsExactly(Problem.error("data.password",
                "invalid value: must be base64-encoded (use stringData for plain text)"));
    }

    @Test
    void aNonStringUnderSecretStringDataIsNotQuoted() {
        List<Problem> problems = validate("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                 "stringData": {"pin": 918273}}""");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("stringData.pin");
            assertThat(problem.message()).doesNotContain("918273").isEqualTo("expected string, got a number");
        });
    }

    @Test
    void aConfigMapValueIsStillQuoted() {
        List<Problem> problems = validate("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "app"},
                 "data": {"port": 8080}}""");

        assertThat(problems).singleElement().satisfies(problem ->
                assertThat(problem.message()).isEqualTo("expected string, got number 8080"));
    }
}
