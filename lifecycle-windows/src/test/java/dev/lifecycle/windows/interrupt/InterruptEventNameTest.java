package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InterruptEventNameTest {

    @Test
    void thePidReplacesPercentD() {
        assertEquals("Local\\lima-interrupt-1234", InterruptEventName.parse("Local\\lima-interrupt-%d").nameFor(1234));
    }

    @Test
    void aDoublePercentIsAPercentSign() {
        assertEquals("Local\\100%-1234", InterruptEventName.parse("Local\\100%%-%d").nameFor(1234));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Local\\no-pid", "Local\\%d-%d", "Local\\%s-%d", "Local\\%x", "Local\\%d-%", "%n%d"})
    void anythingButOnePercentDIsRejectedNamingTheProperty(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InterruptEventName.parse(pattern));
        assertTrue(e.getMessage().contains(InterruptEventName.PROPERTY), e.getMessage());
    }

    @Test
    void anAbsentOrBlankPropertyMeansNoEventChannel() {
        assertTrue(InterruptEventName.fromProperty(Optional.empty()).isEmpty());
        assertTrue(InterruptEventName.fromProperty(Optional.of("  ")).isEmpty());
        assertTrue(InterruptEventName.fromProperty(Optional.of("Local\\x-%d")).isPresent());
    }
}
