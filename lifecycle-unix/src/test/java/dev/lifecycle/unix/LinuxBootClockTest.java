// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinuxBootClockTest {

    @Test
    void placesTheStartRelativeToBootFromNow() {
        Instant now = Instant.parse("2030-01-01T12:00:00Z");
        // Booted 1000.5 s ago; the process started 250 ticks (2.5 s) after boot.
        LinuxBootClock clock = new LinuxBootClock(100, () -> 1_000_500_000_000L, () -> now);

        assertEquals(now.minusMillis(1_000_500).plusMillis(2_500), clock.startInstant(250));
    }

    @Test
    void keepsSubSecondTicks() {
        assertEquals(10_000_000L, LinuxBootClock.ticksToNanos(1, 100));
        assertEquals(1_990_000_000L, LinuxBootClock.ticksToNanos(199, 100));
        assertEquals(4_000_000L, LinuxBootClock.ticksToNanos(1, 250));
    }

    @Test
    void doesNotOverflowForYearsOfUptime() {
        long tenYearsOfTicks = 10L * 365 * 24 * 3600 * 100;

        assertEquals(tenYearsOfTicks * 10_000_000L, LinuxBootClock.ticksToNanos(tenYearsOfTicks, 100));
        assertEquals(100L * 365 * 24 * 3600 * 1_000_000_000L,
                LinuxBootClock.ticksToNanos(100L * 365 * 24 * 3600 * 1000, 1000));
    }

    @Test
    void rejectsANonPositiveTickRate() {
        assertThrows(IllegalArgumentException.class, () -> new LinuxBootClock(0, () -> 0, Instant::now));
    }
}
