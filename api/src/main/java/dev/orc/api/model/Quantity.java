package dev.orc.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 250m}, {@code 64Mi}, {@code 1e3}) with exact decimal
 * arithmetic. Two quantities are equal when their amounts are, whatever their notation.
 * JSON carries the quantity as the user wrote it; {@link #toString()} gives the canonical form.
 */
public final class Quantity implements Comparable<Quantity> {
    /** How a quantity is written, which also decides its canonical form. */
    public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

    public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI, null);

    private static final int MAX_LENGTH = 64;
    private static final int MAX_EXPONENT = 30;
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(MAX_EXPONENT);
    private static final Pattern SYNTAX = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|[mkMGTPE])?");
    private static final Map<String, Integer> BINARY = Map.of("Ki", 1, "Mi", 2, "Gi", 3, "Ti", 4, "Pi", 5, "Ei", 6);
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final Map<String, Integer> DECIMAL = Map.of("m", -3, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final String[] DECIMAL_SUFFIXES = {"m", "", "k", "M", "G", "T", "P", "E"};
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigInteger KIBI = BigInteger.valueOf(1024);

    private final BigDecimal amount;
    private final Format format;
    /** What the user wrote: a String, a Number, or null for a computed quantity. */
    private final Object written;

    private Quantity(BigDecimal amount, Format format, Object written) {
        this.amount = amount;
        this.format = format;
        this.written = written;
    }

    /** Parses {@code 250m}, {@code 64Mi}, {@code 1Gi}, {@code 1e3}, {@code 0.5}, {@code 100k}. */
    public static Quantity parse(String text) {
        return new Quantity(amountOf(text), formatOf(text), text);
    }

    public static Quantity of(long units) {
        return of(BigDecimal.valueOf(units), Format.DECIMAL_SI);
    }

    public static Quantity ofMillis(long millis) {
        return of(BigDecimal.valueOf(millis, 3), Format.DECIMAL_SI);
    }

    public static Quantity ofBytes(long bytes) {
        return of(BigDecimal.valueOf(bytes), Format.BINARY_SI);
    }

    public static Quantity of(BigDecimal amount, Format format) {
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("quantity " + amount.toPlainString() + " is too large (at most 1e" + MAX_EXPONENT + ")");
        }
        return new Quantity(amount, format, null);
    }

    /** Reads a quantity from JSON, where YAML may have turned {@code cpu: 1} or {@code cpu: 0.5} into a number. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Quantity fromJson(JsonNode node) {
        if (node.isNumber()) {
            String text = node.isFloatingPointNumber() ? node.decimalValue().toPlainString() : node.asText();
            return new Quantity(amountOf(text), Format.DECIMAL_SI, node.numberValue());
        }
        if (node.isTextual()) {
            return parse(node.textValue());
        }
        throw new IllegalArgumentException("quantity must be a string or a number, got " + node.getNodeType().name().toLowerCase());
    }

    /** The quantity as it was written, so a user's manifest survives a round trip unchanged. */
    @JsonValue
    Object json() {
        return written != null ? written : toString();
    }

    private static Matcher match(String text) {
        if (text == null) {
            throw new IllegalArgumentException("quantity must not be null");
        }
        Matcher m = SYNTAX.matcher(text);
        if (text.length() > MAX_LENGTH || !m.matches()) {
            throw new IllegalArgumentException("invalid quantity \"" + text
                    + "\": expected a number with an optional suffix (m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>), like 250m or 64Mi");
        }
        return m;
    }

    private static BigDecimal amountOf(String text) {
        Matcher m = match(text);
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal amount;
        if (BINARY.containsKey(suffix)) {
            amount = number.multiply(new BigDecimal(KIBI.pow(BINARY.get(suffix))));
        } else if (DECIMAL.containsKey(suffix)) {
            amount = number.scaleByPowerOfTen(DECIMAL.get(suffix));
        } else if (!suffix.isEmpty()) {
            String exponent = suffix.substring(1);
            if (exponent.replaceFirst("^[+-]", "").length() > 3 || Math.abs(Integer.parseInt(exponent)) > MAX_EXPONENT) {
                throw new IllegalArgumentException("invalid quantity \"" + text + "\": exponent out of range (at most e" + MAX_EXPONENT + ")");
            }
            amount = number.scaleByPowerOfTen(Integer.parseInt(exponent));
        } else {
            amount = number;
        }
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("invalid quantity \"" + text + "\": too large (at most 1e" + MAX_EXPONENT + ")");
        }
        return amount;
    }

    private static Format formatOf(String text) {
        String suffix = match(text).group(2);
        if (suffix == null || DECIMAL.containsKey(suffix)) {
            return Format.DECIMAL_SI;
        }
        return BINARY.containsKey(suffix) ? Format.BINARY_SI : Format.DECIMAL_EXPONENT;
    }

    /** The exact amount, in whole units (cores, bytes). */
    public BigDecimal amount() {
        return amount;
    }

    public Format format() {
        return format;
    }

    /** The amount in thousandths, rounded up ({@code 250m} is 250, {@code 1} is 1000); clamped to the long range. */
    public long milliValue() {
        return clamp(amount.multiply(THOUSAND).setScale(0, RoundingMode.CEILING));
    }

    /** The amount in whole units, rounded up: bytes for memory, cores for cpu; clamped to the long range. */
    public long value() {
        return clamp(amount.setScale(0, RoundingMode.CEILING));
    }

    private static long clamp(BigDecimal whole) {
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return whole.longValueExact();
    }

    public int signum() {
        return amount.signum();
    }

    public Quantity add(Quantity other) {
        return of(amount.add(other.amount), format);
    }

    public Quantity subtract(Quantity other) {
        return of(amount.subtract(other.amount), format);
    }

    @Override
    public int compareTo(Quantity other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && amount.compareTo(q.amount) == 0;
    }

    @Override
    public int hashCode() {
        return amount.stripTrailingZeros().hashCode();
    }

    /**
     * The canonical form, as Kubernetes writes it: the largest suffix of the quantity's notation
     * that keeps the number whole ({@code 1.5Gi} is {@code 1536Mi}, {@code 1.5} is {@code 1500m}); binary
     * amounts that are not whole bytes are written in decimal; amounts finer than a thousandth are rounded up to {@code 1m}.
     */
    @Override
    public String toString() {
        if (amount.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI && amount.stripTrailingZeros().scale() <= 0) {
            BigInteger whole = amount.toBigIntegerExact();
            int power = 0;
            while (power < BINARY_SUFFIXES.length - 1 && whole.mod(KIBI).signum() == 0) {
                whole = whole.divide(KIBI);
                power++;
            }
            return whole + BINARY_SUFFIXES[power];
        }
        BigInteger millis = amount.setScale(3, RoundingMode.UP).unscaledValue();
        int index = 0;
        while (index < DECIMAL_SUFFIXES.length - 1 && millis.mod(BigInteger.valueOf(1000)).signum() == 0) {
            millis = millis.divide(BigInteger.valueOf(1000));
            index++;
        }
        if (format == Format.DECIMAL_EXPONENT) {
            int exponent = 3 * index - 3;
            return millis + (exponent == 0 ? "" : "e" + exponent);
        }
        return millis + DECIMAL_SUFFIXES[index];
    }
}
