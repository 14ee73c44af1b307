// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a process that belongs to an instance, together with the evidence that
 * lets a provider prove, before any signal, that the PID still names that process and not
 * a later process that reused the PID.
 *
 * <p>Evidence is one of: the exact start instant, when the caller recorded it (a host app
 * that launched the process knows it); or the PID file the PID was read from and that
 * file's modification time — the process cannot have started after its PID file was
 * written.
 *
 * @param pid the process ID, at least 1
 * @param startInstant the recorded start instant of the process, if known
 * @param pidFile the file the PID was read from, if any
 * @param startedNoLaterThan an instant the process cannot have started after (the PID
 *     file's modification time), if known
 */
public record ProcessRef(long pid, Optional<Instant> startInstant, Optional<Path> pidFile,
                         Optional<Instant> startedNoLaterThan) {

    /**
     * Validates the reference.
     *
     * @throws IllegalArgumentException if the PID is below 1 or no evidence is given
     */
    public ProcessRef {
        Objects.requireNonNull(startInstant, "startInstant");
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(startedNoLaterThan, "startedNoLaterThan");
        if (pid < 1) {
            throw new IllegalArgumentException("Invalid PID " + pid + ": a PID is at least 1");
        }
        if (startInstant.isEmpty() && startedNoLaterThan.isEmpty()) {
            throw new IllegalArgumentException("PID " + pid
                    + " has no identity evidence: give its start instant or the time its PID file was written");
        }
    }

    /**
     * A process whose start instant the caller recorded, for example from
     * {@code ProcessHandle.info().startInstant()} right after launching it.
     *
     * @param pid the PID
     * @param startInstant when the process started
     * @return the reference
     */
    public static ProcessRef started(long pid, Instant startInstant) {
        return new ProcessRef(pid, Optional.of(startInstant), Optional.empty(), Optional.empty());
    }

    /**
     * A process whose PID was read from a PID file.
     *
     * @param pid the PID read from the file
     * @param pidFile the file
     * @param fileWritten the file's modification time; the process started no later
     * @return the reference
     */
    public static ProcessRef recordedIn(long pid, Path pidFile, Instant fileWritten) {
        return new ProcessRef(pid, Optional.empty(), Optional.of(pidFile), Optional.of(fileWritten));
    }

    @Override
    public String toString() {
        return "PID " + pid + pidFile.map(f -> " (from " + f.getFileName() + ")").orElse("");
    }
}
