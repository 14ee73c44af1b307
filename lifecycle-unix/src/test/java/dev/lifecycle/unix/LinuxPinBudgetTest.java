// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Never more pins than the budget: a process found when it is spent is identified all the
 * same and signalled by the re-checked {@code kill(2)}, its exit noticed by polling; closing
 * a pinned target gives its pidfd back for the next.
 */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxPinBudgetTest extends RealProcessTest {

    @Test
    void beyondTheBudgetProcessesAreSignalledByTheRecheckedKillAndTheirExitsStillSeen() throws Exception {
        PidfdBudget budget = new PidfdBudget(1);
        LinuxProcessControl control = new LinuxProcessControl(WatchMode.EVENT, true, LinuxPlatform::get, () -> budget);
        List<Process> processes = new ArrayList<>();
        List<ProcessTarget> targets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Process p = spawner.start("trap '' INT TERM; echo ready; read line");
                spawner.readLine(p);
                processes.add(p);
                targets.add(find(control, p));
            }
            assertEquals(1, budget.inUse(), "one pin, as the budget allows");
            List<String> mechanisms = new ArrayList<>();
            for (ProcessTarget t : targets) {
                SignalResult r = t.kill();
                assertEquals(SignalResult.Status.DELIVERED, r.status(), r.detail());
                mechanisms.add(r.detail().contains("pidfd") ? "pidfd" : "re-checked kill");
                t.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(t.isAlive());
            }
            assertEquals(List.of("pidfd", "re-checked kill", "re-checked kill"), mechanisms);
            for (Process p : processes) {
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            }
        } finally {
            targets.forEach(ProcessTarget::close);
        }
        assertEquals(0, budget.inUse(), "closing gives the pidfd back");

        Process next = spawner.start("echo ready; read line");
        spawner.readLine(next);
        try (ProcessTarget t = find(control, next)) {
            assertEquals(1, budget.inUse(), "the pin given back is taken by the next process found");
            assertTrue(t.kill().detail().contains("pidfd"));
        }
        assertEquals(0, budget.inUse());
    }
}
