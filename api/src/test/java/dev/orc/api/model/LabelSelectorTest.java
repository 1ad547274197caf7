package dev.orc.api.model;

import dev.orc.api.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {
    private static final Map<String, String> WEB = labels("app=web", "tier=frontend", "env=prod", "release=r1");

    @Test
    void parsesEveryFormIntoMatchLabelsAndExpressions() {
        LabelSelector selector = LabelSelector.parse("app=web,tier!=db,env in (a,b),!legacy,release notin (x),env==prod,gpu");

        assertThat(selector.matchLabels()).containsExactly(Map.entry("app", "web"), Map.entry("env", "prod"));
        assertThat(selector.matchExpressions()).containsExactly(
                LabelSelectorRequirement.notIn("tier", "db"),
                LabelSelectorRequirement.in("env", "a", "b"),
                LabelSelectorRequirement.doesNotExist("legacy"),
                LabelSelectorRequirement.notIn("release", "x"),
                LabelSelectorRequirement.exists("gpu"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                   | true",
            "'   '                                | true",
            "app=web                              | true",
            "app = web                            | true",
            "app==web                             | true",
            "app=db                               | false",
            "app!=db                              | true",
            "app!=web                             | false",
            "missing!=x                           | true",
            "env in (prod,staging)                | true",
            "env in (staging)                     | false",
            "missing in (a)                       | false",
            "env notin (prod)                     | false",
            "env notin (dev,staging)              | true",
            "missing notin (a)                    | true",
            "release                              | true",
            "missing                              | false",
            "!missing                             | true",
            "!release                             | false",
            "app=web,tier=frontend,env in (prod)  | true",
            "app=web,tier=backend                 | false",
            "app=web,app=db                       | false",
            "'app=web, !legacy, env notin (dev)'  | true",
            "example.com/role=x                   | false",
    })
    void matchesLabelsAsKubernetesDoes(String selector, boolean matches) {
        assertThat(LabelSelector.parse(selector).matches(WEB)).isEqualTo(matches);
    }

    @Test
    void anEmptyValueSelectsAnEmptyLabel() {
        assertThat(LabelSelector.parse("canary=").matches(labels("canary="))).isTrue();
        assertThat(LabelSelector.parse("canary=").matches(labels("canary=yes"))).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "app=web,,tier=db      | expected a label key, found \",\" at column 9",
            ",app                  | expected a label key, found \",\" at column 1",
            "app=web,              | expected a label key, found end of input at column 9",
            "env in (a,b           | expected \",\" or \")\", found end of input at column 12",
            "env in a,b            | expected \"(\" after \"in\", found \"a\" at column 8",
            "env in ()             | expected at least one value for \"in\" at column 9",
            "env within (a)        | expected an operator (=, ==, !=, in, notin), found \"within\" at column 5",
            "app=we b              | expected \",\" or end of input, found \"b\" at column 8",
            "app>5                 | unsupported operator \">\" (use =, ==, !=, in, notin, or ! for absence) at column 4",
            "!app=web              | expected \",\" or end of input, found \"=\" at column 5",
            "=web                  | expected a label key, found \"=\" at column 1",
            "-app=web              | invalid label key \"-app\"",
            "app=-web              | invalid label value \"-web\"",
            "Example.com/app=web   | label key \"Example.com/app\" has an invalid prefix",
            "app=(web)             | expected a label value, found \"(\" at column 5",
    })
    void rejectsBadSyntaxNamingTheColumn(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessageStartingWith("invalid label selector \"" + selector + "\": ")
                .hasMessageContaining(message);
    }

    @Test
    void theSyntaxErrorCarriesTheColumn() {
        assertThatThrownBy(() -> LabelSelector.parse("a=b,c in (d"))
                .isInstanceOfSatisfying(SelectorSyntaxException.class, e -> assertThat(e.column()).isEqualTo(12));
    }

    @Test
    void objectFormMatchesLikeTheStringForm() {
        LabelSelector fromJson = Json.convert(Json.parse("""
                {"matchLabels": {"app": "web"},
                 "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]},
                                      {"key": "legacy", "operator": "DoesNotExist"}]}
                """), LabelSelector.class);

        assertThat(fromJson).isEqualTo(LabelSelector.parse("app=web,tier!=db,!legacy"));
        assertThat(fromJson).hasToString("app=web,tier!=db,!legacy");
        assertThat(fromJson.matches(WEB)).isTrue();
    }

    @Test
    void emptySelectorMatchesEverythingAndUnknownOperatorsMatchNothing() {
        assertThat(LabelSelector.everything().matches(Map.of())).isTrue();
        assertThat(LabelSelector.everything().matchesEverything()).isTrue();
        assertThat(new LabelSelector(null, List.of(new LabelSelectorRequirement("app", "Like", List.of("web")))).matches(WEB)).isFalse();
    }

    @Test
    void requirementsListsMatchLabelsAsSingleValueIn() {
        assertThat(LabelSelector.parse("app=web,!legacy").requirements()).containsExactly(
                LabelSelectorRequirement.in("app", "web"), LabelSelectorRequirement.doesNotExist("legacy"));
    }

    @Property
    void stringFormParsesBackToAnEqualSelectorThatMatchesTheSame(@ForAll("selectors") LabelSelector selector,
                                                                  @ForAll("labelSets") Map<String, String> labels) {
        LabelSelector again = LabelSelector.parse(selector.toString());

        assertThat(again).isEqualTo(selector);
        assertThat(again.matches(labels)).isEqualTo(selector.matches(labels));
    }

    @Provide
    Arbitrary<LabelSelector> selectors() {
        Arbitrary<String> keys = Arbitraries.of("app", "tier", "env", "example.com/role", "a.b_c-d");
        Arbitrary<String> values = Arbitraries.of("web", "db", "prod", "x", "v1.2", "A_b-c");
        Arbitrary<LabelSelectorRequirement> requirement = Combinators.combine(
                keys, Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist"), values.set().ofMinSize(1).ofMaxSize(3))
                .as((k, op, vs) -> new LabelSelectorRequirement(k, op,
                        op.equals("Exists") || op.equals("DoesNotExist") ? List.of() : List.copyOf(vs)));
        Arbitrary<Map<String, String>> matchLabels = Arbitraries.maps(keys, values).ofMaxSize(3).map(LinkedHashMap::new);
        return Combinators.combine(matchLabels, requirement.list().ofMaxSize(4)).as(LabelSelector::new);
    }

    @Provide
    Arbitrary<Map<String, String>> labelSets() {
        return Arbitraries.maps(Arbitraries.of("app", "tier", "env", "example.com/role", "other"),
                Arbitraries.of("web", "db", "prod", "x", "")).ofMaxSize(4);
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        Arrays.stream(pairs).map(p -> p.split("=", 2)).forEach(kv -> out.put(kv[0], kv[1]));
        return out;
    }
}
