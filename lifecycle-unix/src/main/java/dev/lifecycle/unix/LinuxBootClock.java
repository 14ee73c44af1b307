// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Turns a {@code /proc/<pid>/stat} start time (clock ticks since boot) into an instant:
 * now minus the time since boot ({@code CLOCK_BOOTTIME}, nanoseconds) plus the start
 * offset. Precise to one clock tick (10 ms at the usual 100 Hz), where {@code btime} in
 * {@code /proc/stat} (which the JDK uses) is precise to one second only.
 */
final class LinuxBootClock {

    private final long ticksPerSecond;
    private final LongSupplier bootTimeNanos;
    private final Supplier<Instant> wallClock;

    /**
     * @param ticksPerSecond {@code sysconf(_SC_CLK_TCK)}
     * @param bootTimeNanos nanoseconds since boot, including suspend
     * @param wallClock the current instant
     */
    LinuxBootClock(long ticksPerSecond, LongSupplier bootTimeNanos, Supplier<Instant> wallClock) {
        if (ticksPerSecond <= 0) {
            throw new IllegalArgumentException("clock ticks per second must be positive: " + ticksPerSecond);
        }
        this.ticksPerSecond = ticksPerSecond;
        this.bootTimeNanos = bootTimeNanos;
        this.wallClock = wallClock;
    }

    /**
     * @param startTicks field 22 of {@code /proc/<pid>/stat}
     * @return when the process started
     */
    Instant startInstant(long startTicks) {
        long sinceBoot = bootTimeNanos.getAsLong();
        Instant now = wallClock.get();
        return now.minusNanos(sinceBoot - ticksToNanos(startTicks, ticksPerSecond));
    }

    /**
     * Converts without overflow for any uptime (ticks * 10^9 would overflow after three
     * years at 100 Hz).
     *
     * @param ticks clock ticks
     * @param ticksPerSecond the tick rate
     * @return nanoseconds
     */
    static long ticksToNanos(long ticks, long ticksPerSecond) {
        return ticks / ticksPerSecond * 1_000_000_000L + ticks % ticksPerSecond * 1_000_000_000L / ticksPerSecond;
    }
}
