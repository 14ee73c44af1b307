// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.StopOptions;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link StopOptions} refuses, before any stop, every duration a nanosecond deadline cannot hold. */
class StopOptionsLimitsTest {

    private static final Duration TOO_LONG = StopOptions.MAX_DURATION.plusNanos(1);

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("gracePeriod", (Function<Duration, StopOptions.Builder>) d -> StopOptions.builder().gracePeriod(d)),
                Arguments.of("killTimeout", (Function<Duration, StopOptions.Builder>) d -> StopOptions.builder().killTimeout(d)),
                Arguments.of("commandTimeout",
                        (Function<Duration, StopOptions.Builder>) d -> StopOptions.builder().commandTimeout(d)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void theLongestRepresentableDurationIsAcceptedAndOneNanosecondMoreIsNot(String name,
                                                                          Function<Duration, StopOptions.Builder> set) {
        StopOptions longest = set.apply(StopOptions.MAX_DURATION).build();
        assertEquals(Long.MAX_VALUE, durationOf(name, longest).toNanos());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.apply(TOO_LONG).build());
        assertTrue(e.getMessage().startsWith(name + " must be at most 106751 days"), e.getMessage());
        // 999999999 minutes, as typed on a command line, is one of them.
        assertThrows(IllegalArgumentException.class, () -> set.apply(Duration.ofMinutes(999_999_999)).build());
    }

    private static Duration durationOf(String name, StopOptions o) {
        return switch (name) {
            case "gracePeriod" -> o.gracePeriod();
            case "killTimeout" -> o.killTimeout();
            default -> o.commandTimeout();
        };
    }
}
