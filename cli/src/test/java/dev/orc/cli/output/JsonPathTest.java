package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPathTest {
    private static final JsonNode LIST = Json.parse("""
            {"kind":"List","items":[
              {"metadata":{"name":"a","labels":{"app.kubernetes.io/name":"x"}},
               "status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Scheduled","status":"False"}]}},
              {"metadata":{"name":"b"},"spec":{"ports":[{"port":80},{"port":443}]}}]}""");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{.kind}                                                  | List",
            "{.items[*].metadata.name}                                | a b",
            "{.items[0].metadata.name}                                | a",
            "{.items[-1].metadata.name}                               | b",
            "{$.items[1].spec.ports[*].port}                          | 80 443",
            "{.items[0].metadata.labels['app.kubernetes.io/name']}    | x",
            "{.items[0].status.conditions[?(@.type==\"Ready\")].status} | True",
            "{.items[0].status.conditions[?(@.type!='Ready')].type}   | Scheduled",
            "{.items[*].missing}                                      | ''",
            "name={.items[1].metadata.name}!                          | name=b!",
            "{.items[1].spec.ports[0]}                                | {\"port\":80}"})
    void pathsSelectWhatKubectlSelects(String template, String expected) {
        assertThat(JsonPath.parse(template).render(LIST)).isEqualTo(expected);
    }

    @Test
    void rangeRepeatsItsBodyWithLiterals() {
        assertThat(JsonPath.parse("{range .items[*]}{.metadata.name}{\"\\t\"}{end}").render(LIST)).isEqualTo("a\tb\t");
        assertThat(JsonPath.parse("{range .items[*]}[{range .spec.ports[*]}{.port},{end}]{end}").render(LIST))
                .isEqualTo("[][80,443,]");
    }

    @Test
    void mistakesQuoteTheTemplate() {
        assertThatThrownBy(() -> JsonPath.parse("{.items[*]")).hasMessage("invalid jsonpath template \"{.items[*]\": unclosed {");
        assertThatThrownBy(() -> JsonPath.parse("{range .items[*]}{.a}"))
                .hasMessage("invalid jsonpath template \"{range .items[*]}{.a}\": {range} without {end}");
        assertThatThrownBy(() -> JsonPath.parse("{..name}")).hasMessageEndingWith("recursive descent (..) is not supported");
    }
}
