// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollingScheduleTest {

    private final PollingSchedule schedule = new PollingSchedule(Duration.ofMillis(10), Duration.ofMillis(100));

    @Test
    void growsByATenthUpToTheCap() {
        long interval = schedule.first().toNanos();
        int rounds = 0;
        while (interval < schedule.max().toNanos()) {
            long next = schedule.next(interval);
            assertTrue(next > interval && next <= interval + interval / 10 + 1_000_000, interval + " -> " + next);
            interval = next;
            rounds++;
        }
        assertEquals(schedule.max().toNanos(), interval);
        assertTrue(rounds > 15, "grows slowly: " + rounds + " rounds to the cap");
        assertEquals(schedule.max().toNanos(), schedule.next(interval));
    }

    @Test
    void growsAtLeastAMillisecondFromTinyIntervals() {
        assertEquals(2_000_000L, new PollingSchedule(Duration.ofMillis(1), Duration.ofMillis(5)).next(1_000_000L));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new PollingSchedule(Duration.ZERO, Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new PollingSchedule(Duration.ofMillis(10), Duration.ofMillis(1)));
    }

    @Test
    void namesItsMechanism() {
        assertEquals("polling (10 ms, growing to 100 ms)", new PollingExitWatcher().mechanism());
    }
}
