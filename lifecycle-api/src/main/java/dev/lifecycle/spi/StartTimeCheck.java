// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import dev.lifecycle.api.ProcessRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity rule every provider applies, written once: a running process is the one a
 * {@link ProcessRef} names if its OS-reported start time equals the recorded start
 * instant, or is no later than the PID file was written — both within a tolerance that
 * covers the OS clock's resolution (Linux derives start times from a boot time with
 * one-second resolution) and file-system timestamp granularity.
 */
public final class StartTimeCheck {

    /** Default tolerance: larger than every OS clock rounding we know, far below PID reuse times. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(2);

    private StartTimeCheck() {
    }

    /**
     * Checks a process start time against a reference.
     *
     * @param ref the reference with its evidence
     * @param actualStart the start time the OS reports for the PID now
     * @param tolerance the allowed clock error
     * @return empty if the process is the referenced one, else why not (naming the PID and both times)
     */
    public static Optional<String> mismatch(ProcessRef ref, Instant actualStart, Duration tolerance) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(actualStart, "actualStart");
        Objects.requireNonNull(tolerance, "tolerance");
        if (ref.startInstant().isPresent()) {
            Instant recorded = ref.startInstant().get();
            Duration diff = Duration.between(recorded, actualStart).abs();
            if (diff.compareTo(tolerance) > 0) {
                return Optional.of("PID " + ref.pid() + " started at " + actualStart
                        + " but the recorded process started at " + recorded + ": the PID was reused");
            }
            return Optional.empty();
        }
        Instant written = ref.startedNoLaterThan().orElseThrow();
        if (actualStart.isAfter(written.plus(tolerance))) {
            return Optional.of("PID " + ref.pid() + " started at " + actualStart + ", after "
                    + ref.pidFile().map(p -> p.getFileName().toString()).orElse("its PID file")
                    + " was written at " + written + ": the PID was reused");
        }
        return Optional.empty();
    }

    /**
     * The basic refusals every provider applies before anything else.
     *
     * @param pid the PID
     * @return a reason if the PID must never be signalled (1 or below, or this process)
     */
    public static Optional<String> refusal(long pid) {
        if (pid <= 1) {
            return Optional.of("PID " + pid + " is never signalled (PID 1 or below)");
        }
        if (pid == ProcessHandle.current().pid()) {
            return Optional.of("PID " + pid + " is the current process and is never signalled");
        }
        return Optional.empty();
    }
}
