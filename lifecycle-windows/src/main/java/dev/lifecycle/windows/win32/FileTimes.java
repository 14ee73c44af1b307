// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import java.time.Instant;

/** Conversion of Win32 FILETIME values (100 ns ticks since 1601-01-01 UTC) to {@link Instant}. */
public final class FileTimes {

    /** FILETIME ticks between 1601-01-01 and the Unix epoch 1970-01-01. */
    static final long TICKS_TO_UNIX_EPOCH = 116_444_736_000_000_000L;
    private static final long TICKS_PER_SECOND = 10_000_000L;
    private static final long NANOS_PER_TICK = 100L;

    private FileTimes() {
    }

    /**
     * @param fileTime a FILETIME value as an unsigned 64-bit count (must not be negative)
     * @return the same instant
     * @throws IllegalArgumentException for a negative value (a failed call's -1)
     */
    public static Instant toInstant(long fileTime) {
        if (fileTime < 0) {
            throw new IllegalArgumentException("FILETIME " + fileTime + " is not a time");
        }
        long sinceEpoch = fileTime - TICKS_TO_UNIX_EPOCH;
        return Instant.ofEpochSecond(Math.floorDiv(sinceEpoch, TICKS_PER_SECOND),
                Math.floorMod(sinceEpoch, TICKS_PER_SECOND) * NANOS_PER_TICK);
    }

    /**
     * @param instant an instant at or after 1601-01-01
     * @return the FILETIME value, truncated to 100 ns
     */
    public static long fromInstant(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), TICKS_PER_SECOND),
                instant.getNano() / NANOS_PER_TICK) + TICKS_TO_UNIX_EPOCH;
    }
}
