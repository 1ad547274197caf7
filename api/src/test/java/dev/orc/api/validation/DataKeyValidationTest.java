package dev.orc.api.validation;

import dev.orc.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** ConfigMap and Secret keys that would clash with the atomic writer's own names are refused, as in Kubernetes. */
class DataKeyValidationTest {
    private final ManifestValidator validator = ManifestValidator.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ConfigMap | data       | .      | must not be '.'",
            "ConfigMap | binaryData | ..     | must not be '..'",
            "Secret    | data       | ..data | must not start with '..'",
            "Secret    | stringData | ...x   | must not start with '..'"})
    void reservedKeysAreRefusedInKubernetesWords(String kind, String map, String key, String reason) {
        String value = map.equals("stringData") ? "\"v\"" : "\"dg==\"";
        var document = Json.parse("{\"apiVersion\": \"v1\", \"kind\": \"" + kind + "\", \"metadata\": {\"name\": \"x\"}, \""
                + map + "\": {\"" + key + "\": " + value + "}}");

        assertThat(validator.validate(document)).containsExactly(
                Problem.error(map, "invalid key \"" + key + "\": " + reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {".env", "a..b", "config.yaml", "x.."})
    void keysWithDotsElsewhereAreAccepted(String key) {
        var document = Json.parse("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"x\"},"
                + " \"data\": {\"" + key + "\": \"v\"}}");

        assertThat(validator.validate(document)).isEmpty();
    }
}
