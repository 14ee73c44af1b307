// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import java.time.Instant;

/** What a {@link ProcessInspector} saw for a PID at one moment. */
sealed interface ProcessStatus {

    /**
     * A live process.
     *
     * @param startKey the start time in the OS's own exact unit (Linux clock ticks since
     *     boot, macOS microseconds since the epoch): compared for equality on re-checks, where
     *     converting to an instant would add rounding
     * @param start the start time as an instant
     */
    record Running(long startKey, Instant start) implements ProcessStatus {
    }

    /**
     * No live process: none with the PID, or a zombie.
     *
     * @param detail what was seen, naming the PID
     */
    record Exited(String detail) implements ProcessStatus {
    }

    /**
     * The process could not be inspected (permissions, hidden procfs, OS error).
     *
     * @param detail why, naming the PID
     */
    record Inaccessible(String detail) implements ProcessStatus {
    }
}
