// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** Durations as limactl (Go's time.ParseDuration) and ISO-8601 write them. */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsMillisecondsSecondsAndMinutes() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ZERO, converter.convert("0s"));
    }

    /** The examples of Go's time.ParseDuration documentation and tests, and ISO-8601. */
    @ParameterizedTest
    @CsvSource({
        "1m30s, PT1M30S",
        "1h, PT1H",
        "1.5s, PT1.5S",
        "2h45m, PT2H45M",
        "1h15m30.918273645s, PT1H15M30.918273645S",
        ".5s, PT0.5S",
        "1.s, PT1S",
        "300us, PT0.0003S",
        "300µs, PT0.0003S",
        "1500ns, PT0.0000015S",
        "0, PT0S",
        "+5s, PT5S",
        "PT30S, PT30S",
        "PT1M30S, PT1M30S",
        "P1DT2H, PT26H",
    })
    void readsGoAndIsoDurations(String text, String expected) {
        assertEquals(Duration.parse(expected), converter.convert(text));
    }

    @Test
    void readsAnyLengthExactlySoTheCommandCanSayItIsTooLong() {
        assertEquals(Duration.ofMinutes(999_999_999), converter.convert("999999999m"));
        assertEquals(Duration.ofHours(10_000_000_000L), converter.convert("10000000000h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 parsecs", "30", "", "s", "10 s", "1d", "1.5.s", "PTs", "1h-5m", "ms"})
    void rejectsAnythingElseSayingWhatToWrite(String value) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(value));
        assertTrue(e.getMessage().contains("e.g. 500ms, 30s, 2m, 1m30s, 1h, 1.5s or PT30S"), e.getMessage());
        assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "-PT5S", "PT-5S"})
    void rejectsNegativeDurations(String value) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(value));
        assertTrue(e.getMessage().contains("is negative"), e.getMessage());
    }

    @Test
    void refusesWhatNoDurationHolds() {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> converter.convert("99999999999999999999999h"));
        assertTrue(e.getMessage().contains("longer than any duration"), e.getMessage());
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("2m", DurationConverter.format(Duration.ofMinutes(2)));
        assertEquals("30s", DurationConverter.format(Duration.ofSeconds(30)));
        assertEquals("1500ms", DurationConverter.format(Duration.ofMillis(1500)));
        assertEquals("300us", DurationConverter.format(Duration.ofNanos(300_000)));
        assertEquals("7ns", DurationConverter.format(Duration.ofNanos(7)));
        assertEquals("0s", DurationConverter.format(Duration.ZERO));
        assertEquals("999999999m", DurationConverter.format(Duration.ofMinutes(999_999_999)));
    }
}
