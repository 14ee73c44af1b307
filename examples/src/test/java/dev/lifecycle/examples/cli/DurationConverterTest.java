package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsMillisecondsSecondsAndMinutes() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ZERO, converter.convert("0s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 parsecs", "30", "1h", "-1s", "", "1.5s", "PT30S", "s", "10 s"})
    void rejectsAnythingElseSayingWhatToWrite(String value) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(value));
        assertTrue(e.getMessage().contains("500ms, 30s or 2m"), e.getMessage());
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("2m", DurationConverter.format(Duration.ofMinutes(2)));
        assertEquals("30s", DurationConverter.format(Duration.ofSeconds(30)));
        assertEquals("1500ms", DurationConverter.format(Duration.ofMillis(1500)));
        assertEquals("0s", DurationConverter.format(Duration.ZERO));
    }
}
