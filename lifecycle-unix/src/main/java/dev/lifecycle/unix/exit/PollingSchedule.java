// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.time.Duration;
import java.util.Objects;

/**
 * How often {@link PollingExitWatcher} checks one process: first after {@link #first()},
 * then each interval a tenth longer than the one before (at least 1 ms longer), never
 * longer than {@link #max()}.
 *
 * @param first the first interval
 * @param max the cap
 */
record PollingSchedule(Duration first, Duration max) {

    /**
     * Validates the intervals.
     *
     * @param first the first interval
     * @param max the cap
     * @throws IllegalArgumentException if first is not positive or exceeds max
     */
    public PollingSchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || first.compareTo(max) > 0) {
            throw new IllegalArgumentException("polling intervals must satisfy 0 < first <= max: " + first + ", " + max);
        }
    }

    /**
     * @param currentNanos the interval just used
     * @return the next interval in nanoseconds
     */
    public long next(long currentNanos) {
        long grown = currentNanos + Math.max(1_000_000L, currentNanos / 10);
        return Math.min(grown, max.toNanos());
    }
}
