package dev.orc.api.model;

import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntOrStringTest {

    @ParameterizedTest(name = "{0} of {1}: surge {2}, unavailable {3}")
    @CsvSource({
            "25%, 10, 3, 2",
            "25%, 4, 1, 1",
            "25%, 3, 1, 0",
            "25%, 1, 1, 0",
            "25%, 0, 0, 0",
            "50%, 5, 3, 2",
            "100%, 7, 7, 7",
            "0%, 9, 0, 0",
            "33%, 100, 33, 33",
            "34%, 3, 2, 1",
    })
    void percentagesRoundUpForSurgeAndDownForUnavailable(String percent, int total, int surge, int unavailable) {
        IntOrString value = IntOrString.of(percent);

        assertThat(value.scaledValue(total, true)).isEqualTo(surge);
        assertThat(value.scaledValue(total, false)).isEqualTo(unavailable);
    }

    @Test
    void integersAreAbsolute() {
        assertThat(IntOrString.of(2).scaledValue(10, true)).isEqualTo(2);
        assertThat(IntOrString.of(0).scaledValue(10, false)).isZero();
    }

    @Test
    void aStringThatIsNotAPercentageIsRejectedQuoted() {
        assertThatThrownBy(() -> IntOrString.of("two").scaledValue(10, true))
                .hasMessage("invalid value \"two\": expected an integer or a percentage like 25%");
        assertThatThrownBy(() -> IntOrString.of("x%").scaledValue(10, true)).hasMessageContaining("\"x%\"");
    }

    @Test
    void jsonKeepsIntegersAsNumbersAndNamesAsStrings() {
        assertThat(Json.write(IntOrString.of(8080))).isEqualTo("8080");
        assertThat(Json.write(IntOrString.of("http"))).isEqualTo("\"http\"");
        assertThat(Json.convert(Json.parse("25"), IntOrString.class).isInt()).isTrue();
        assertThat(Json.convert(Json.parse("\"25%\""), IntOrString.class)).isEqualTo(IntOrString.percent(25));
    }

    @Test
    void exactlyOneValueMustBeSet() {
        assertThatThrownBy(() -> new IntOrString(1, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntOrString(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.convert(Json.parse("1.5"), IntOrString.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
