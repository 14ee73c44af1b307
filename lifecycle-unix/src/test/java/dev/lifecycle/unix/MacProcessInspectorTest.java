// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pure part of the macOS inspector: what proc_bsdinfo's fields mean. */
class MacProcessInspectorTest {

    @Test
    void aZombieHasExited() {
        ProcessStatus status = MacProcessInspector.classify(4242, 5, 1_700_000_000L, 123_456L);

        ProcessStatus.Exited exited = assertInstanceOf(ProcessStatus.Exited.class, status);
        assertTrue(exited.detail().contains("PID 4242") && exited.detail().contains("SZOMB"), exited.detail());
    }

    @Test
    void aRunningProcessHasAMicrosecondStart() {
        ProcessStatus status = MacProcessInspector.classify(4242, 2, 1_700_000_000L, 123_456L);

        ProcessStatus.Running running = assertInstanceOf(ProcessStatus.Running.class, status);
        assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), running.start());
        assertEquals(1_700_000_000_123_456L, running.startKey());
    }

    @Test
    void aRecheckTurnsAnotherStartIntoAnExit() {
        ProcessInspector reused = pid -> MacProcessInspector.classify(pid, 2, 1_800_000_000L, 0);

        ProcessStatus status = reused.recheck(4242, 1_700_000_000_123_456L);

        ProcessStatus.Exited exited = assertInstanceOf(ProcessStatus.Exited.class, status);
        assertTrue(exited.detail().contains("reused"), exited.detail());
        assertInstanceOf(ProcessStatus.Running.class, reused.recheck(4242, 1_800_000_000_000_000L));
    }
}
