// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileTimesTest {

    @Test
    void theUnixEpochIsTheKnownFileTimeOffset() {
        assertEquals(Instant.EPOCH, FileTimes.toInstant(116_444_736_000_000_000L));
    }

    @Test
    void keepsTheHundredNanosecondTicks() {
        // 2024-01-01T00:00:00Z is 1704067200 s after the epoch; plus 1234567 ticks.
        long fileTime = 116_444_736_000_000_000L + 1_704_067_200L * 10_000_000L + 1_234_567L;
        assertEquals(Instant.parse("2024-01-01T00:00:00.1234567Z"), FileTimes.toInstant(fileTime));
        assertEquals(fileTime, FileTimes.fromInstant(FileTimes.toInstant(fileTime)));
    }

    @Test
    void beforeTheUnixEpochStillConverts() {
        assertEquals(Instant.parse("1601-01-01T00:00:00Z"), FileTimes.toInstant(0));
    }

    @Test
    void aFailedCallsMinusOneIsNotATime() {
        assertThrows(IllegalArgumentException.class, () -> FileTimes.toInstant(-1));
    }
}
