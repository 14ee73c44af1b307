// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pidfd budget: what it leaves for everything else, and how it is read from procfs. */
class PidfdBudgetTest {

    @Test
    void aQuarterOfTheLimitAndAtLeastSixtyFourStayFree() {
        assertEquals(256 - 40 - 64, PidfdBudget.size(256, 40));
        assertEquals(1024 - 40 - 256, PidfdBudget.size(1024, 40));
        assertEquals(0, PidfdBudget.size(100, 60), "nothing when the rest needs it all");
    }

    @Test
    void theSoftLimitIsReadFromTheLimitsFile(@TempDir Path proc) throws Exception {
        Path self = proc.resolve("self");
        Files.createDirectories(self.resolve("fd"));
        Files.writeString(self.resolve("limits"), String.join("\n",
                "Limit                     Soft Limit           Hard Limit           Units",
                "Max cpu time              unlimited            unlimited            seconds",
                "Max open files            256                  4096                 files",
                ""));
        for (int fd = 0; fd < 10; fd++) {
            Files.writeString(self.resolve("fd").resolve(Integer.toString(fd)), "");
        }
        assertEquals(OptionalLong.of(256), PidfdBudget.softLimit(self.resolve("limits")));
        assertEquals(256 - 10 - 64, PidfdBudget.measure(proc).size());
    }

    @Test
    void anUnlimitedOrUnreadableLimitLeavesTheBudgetUnbounded(@TempDir Path proc) throws Exception {
        Path self = Files.createDirectories(proc.resolve("self"));
        Files.writeString(self.resolve("limits"), "Max open files            unlimited            unlimited            files\n");
        assertEquals(Integer.MAX_VALUE, PidfdBudget.measure(proc).size());
        assertEquals(Integer.MAX_VALUE, PidfdBudget.measure(proc.resolve("none")).size());
    }

    @Test
    void aPinIsHeldUntilReleased() {
        PidfdBudget budget = new PidfdBudget(2);
        assertTrue(budget.tryAcquire());
        assertTrue(budget.tryAcquire());
        assertFalse(budget.tryAcquire(), "the third is over the budget");
        assertEquals(2, budget.inUse());
        budget.release();
        assertTrue(budget.tryAcquire());
    }

    @Test
    void thisJvmsBudgetLeavesRoomUnderItsOwnLimit() {
        PidfdBudget measured = PidfdBudget.measure(Path.of("/proc"));
        OptionalLong limit = PidfdBudget.softLimit(Path.of("/proc/self/limits"));
        if (limit.isPresent()) {
            assertTrue(measured.size() <= limit.getAsLong() - PidfdBudget.MIN_HEADROOM, measured.size() + " of " + limit);
        }
    }
}
