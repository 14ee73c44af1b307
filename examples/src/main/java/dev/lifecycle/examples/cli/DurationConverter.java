// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way {@code limactl} (Go's {@code time.ParseDuration}) and people write
 * them — {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 1h}, {@code 1.5s} —
 * and in ISO-8601, {@code PT30S}. Any length is read exactly; whether it is too long for a
 * stop is for the command to say, naming its option.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    /** One Go term: a decimal number (fraction allowed) and a unit. */
    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern GO = Pattern.compile("(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Map<String, BigDecimal> NANOS_PER_UNIT = Map.of(
            "ns", BigDecimal.ONE, "us", BigDecimal.valueOf(1_000), "µs", BigDecimal.valueOf(1_000),
            "μs", BigDecimal.valueOf(1_000), "ms", BigDecimal.valueOf(1_000_000), "s", BigDecimal.valueOf(1_000_000_000L),
            "m", BigDecimal.valueOf(60_000_000_000L), "h", BigDecimal.valueOf(3_600_000_000_000L));
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MAX_SECONDS = BigInteger.valueOf(Long.MAX_VALUE);
    /** The units {@link #format} writes, largest first. */
    private static final List<String> FORMAT_UNITS = List.of("m", "s", "ms", "us");
    private static final String EXAMPLES = "e.g. 500ms, 30s, 2m, 1m30s, 1h, 1.5s or PT30S";

    /**
     * @param value a Go duration ({@code 1h2m3.5s}, units ns, us, ms, s, m, h; {@code 0} alone) or an ISO-8601
     *     one ({@code PT30S})
     * @return the duration
     * @throws TypeConversionException if the value is not such a duration, or negative (picocli turns it into a
     *     usage error)
     */
    @Override
    public Duration convert(String value) {
        String text = value.strip();
        if (text.startsWith("-")) {
            throw new TypeConversionException("'" + value + "' is negative; a duration here is 0 or more, " + EXAMPLES);
        }
        if (text.startsWith("+")) {
            text = text.substring(1);
        }
        if (text.equals("0")) {
            return Duration.ZERO; // Go accepts a bare 0, and only 0, without a unit
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            return iso(value, text);
        }
        if (!GO.matcher(text).matches()) {
            throw notADuration(value);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = TERM.matcher(text);
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
                    .multiply(NANOS_PER_UNIT.get(m.group(2))));
        }
        return ofNanos(value, nanos.toBigInteger()); // Go, too, drops what is below a nanosecond
    }

    private static Duration iso(String value, String text) {
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw notADuration(value);
        }
        if (d.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative; a duration here is 0 or more, " + EXAMPLES);
        }
        return d;
    }

    private static Duration ofNanos(String value, BigInteger nanos) {
        BigInteger[] secondsAndNanos = nanos.divideAndRemainder(NANOS_PER_SECOND);
        if (secondsAndNanos[0].compareTo(MAX_SECONDS) > 0) {
            throw new TypeConversionException("'" + value + "' is longer than any duration this program can hold");
        }
        return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }

    private static TypeConversionException notADuration(String value) {
        return new TypeConversionException("'" + value + "' is not a duration; write a number with a unit (ns, us,"
                + " ms, s, m, h), " + EXAMPLES);
    }

    /**
     * The inverse, for messages: the shortest exact form in whole units.
     *
     * @param d a duration
     * @return e.g. {@code 2m}, {@code 30s}, {@code 1500ms}, {@code 1500us} or {@code 7ns}
     */
    public static String format(Duration d) {
        BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(d.getNano()));
        if (nanos.signum() == 0) {
            return "0s";
        }
        for (String unit : FORMAT_UNITS) {
            BigInteger[] q = nanos.divideAndRemainder(NANOS_PER_UNIT.get(unit).toBigIntegerExact());
            if (q[1].signum() == 0) {
                return q[0] + unit;
            }
        }
        return nanos + "ns";
    }
}
