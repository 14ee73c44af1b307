// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded process of an instance as a dry run found it: the identity check a stop
 * makes before any signal, made now (the process is looked at, never signalled).
 *
 * @param pid the PID its file records
 * @param role {@code driver}, {@code driver server}, {@code host agent} (joined with
 *     {@code and} when one process has two, as VZ's agent)
 * @param pidFile the file the PID was read from, if it came from one
 * @param verdict what the identity check found
 * @param detail the provider's evidence, in words
 */
public record PlannedProcess(long pid, String role, Optional<Path> pidFile, Verdict verdict, String detail) {

    /** What the identity check found, and so what a stop would do with the process. */
    public enum Verdict {
        /** Running, and proven to be the instance's process: a stop would signal it. */
        RUNNING,
        /** Not running: nothing to signal. */
        NOT_RUNNING,
        /** The PID now names a process that is not the instance's: left alone; the instance's is gone. */
        NOT_OURS,
        /** Never signalled (PID 1 or below, this JVM). */
        NEVER_SIGNALLED,
        /** Its identity cannot be proven either way: a stop would leave the whole instance alone. */
        UNKNOWN
    }

    /** Validates that nothing is null. */
    public PlannedProcess {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
    }
}
