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
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "250m, 0.25, 250, 1, 250m",
            "1, 1, 1000, 1, 1",
            "0.5, 0.5, 500, 1, 500m",
            "1.5, 1.5, 1500, 2, 1500m",
            "100k, 100000, 100000000, 100000, 100k",
            "1e3, 1000, 1000000, 1000, 1e3",
            "1E3, 1000, 1000000, 1000, 1e3",
            "2.5e-3, 0.0025, 3, 1, 3e-3",
            "64Mi, 67108864, 67108864000, 67108864, 64Mi",
            "1Gi, 1073741824, 1073741824000, 1073741824, 1Gi",
            "1.5Gi, 1610612736, 1610612736000, 1610612736, 1536Mi",
            "0.5Ki, 512, 512000, 512, 512",
            "1024Mi, 1073741824, 1073741824000, 1073741824, 1Gi",
            "1000m, 1, 1000, 1, 1",
            "1000, 1000, 1000000, 1000, 1k",
            "0.1m, 0.0001, 1, 1, 1m",
            "+3M, 3000000, 3000000000, 3000000, 3M",
            "-2G, -2000000000, -2000000000000, -2000000000, -2G",
            "5., 5, 5000, 5, 5",
            ".5, 0.5, 500, 1, 500m",
            "0, 0, 0, 0, 0",
            "2E, 2000000000000000000, 9223372036854775807, 2000000000000000000, 2E",
    })
    void parsesExactlyAndWritesTheCanonicalForm(String text, BigDecimal amount, long milli, long value, String canonical) {
        Quantity q = Quantity.parse(text);

        assertThat(q.amount()).isEqualByComparingTo(amount);
        assertThat(q.milliValue()).isEqualTo(milli);
        assertThat(q.value()).isEqualTo(value);
        assertThat(q).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "abc", "1.2.3", "1Kb", "1kb", "1ki", "1e", "e3", "1m1", "--1", "1Gi2",
            "1e31", "1e1000000", "99999999999999999999999999999999", "."})
    void rejectsWhatIsNotAQuantityQuotingIt(String text) {
        assertThatThrownBy(() -> Quantity.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void comparesAndAddsByAmountWhateverTheNotation() {
        assertThat(Quantity.parse("1Gi")).isEqualTo(Quantity.parse("1073741824"));
        assertThat(Quantity.parse("1Gi").hashCode()).isEqualTo(Quantity.parse("1073741824").hashCode());
        assertThat(Quantity.parse("1")).isEqualTo(Quantity.parse("1000m"));
        assertThat(Quantity.parse("500m")).isLessThan(Quantity.parse("1"));
        assertThat(Quantity.parse("1G")).isLessThan(Quantity.parse("1Gi"));

        assertThat(Quantity.parse("250m").add(Quantity.parse("1.5"))).hasToString("1750m");
        assertThat(Quantity.parse("1Gi").subtract(Quantity.parse("512Mi"))).hasToString("512Mi");
        assertThat(Quantity.parse("1").subtract(Quantity.parse("1500m"))).hasToString("-500m");
        assertThat(Quantity.ZERO.add(Quantity.ofMillis(100))).isEqualTo(Quantity.parse("0.1"));
        assertThat(Quantity.ofBytes(2048)).hasToString("2Ki");
    }

    @Test
    void jsonCarriesTheQuantityAsTheUserWroteIt() {
        assertThat(Json.write(Quantity.parse("1.5Gi"))).isEqualTo("\"1.5Gi\"");
        assertThat(Json.write(Json.convert(Json.parse("1"), Quantity.class))).isEqualTo("1");
        assertThat(Json.write(Json.convert(Json.parse("0.5"), Quantity.class))).isEqualTo("0.5");
        assertThat(Json.convert(Json.parse("0.5"), Quantity.class).milliValue()).isEqualTo(500);
        assertThat(Json.write(Quantity.parse("1").add(Quantity.parse("1")))).isEqualTo("\"2\"");
    }

    @Test
    void aBadQuantityInAnObjectFailsItsConversionNamingTheValue() {
        assertThatThrownBy(() -> Json.convert(Json.parse("{\"requests\":{\"cpu\":\"two\"}}"), ResourceRequirements.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"two\"");
    }

    @Property
    void canonicalFormParsesBackToTheSameAmount(@ForAll("quantities") String text) {
        Quantity q = Quantity.parse(text);
        Quantity again = Quantity.parse(q.toString());

        assertThat(again).isEqualTo(q);
        assertThat(again.toString()).isEqualTo(q.toString());
    }

    @Property
    void additionAndSubtractionAreExactInverses(@ForAll("quantities") String a, @ForAll("quantities") String b) {
        Quantity x = Quantity.parse(a);
        Quantity y = Quantity.parse(b);

        assertThat(x.add(y).subtract(y)).isEqualTo(x);
        assertThat(x.add(y).compareTo(x)).isEqualTo(y.signum());
    }

    /** Quantities with at most three decimals of a unit, the precision Kubernetes keeps. */
    @Provide
    Arbitrary<String> quantities() {
        Arbitrary<Long> mantissa = Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L);
        Arbitrary<String> suffix = Arbitraries.of("", "m", "k", "M", "G", "T", "Ki", "Mi", "Gi", "Ti", "e3", "e6", "E");
        return Combinators.combine(mantissa, suffix).as((m, s) -> m + s);
    }
}
