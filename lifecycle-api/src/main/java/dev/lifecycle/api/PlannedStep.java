// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One step a stop would take, as a dry run plans it.
 *
 * @param step the step name, as the stop's report would name it ({@link Steps} or an
 *     extension's own, written {@code <extension id>:stop-vm} or
 *     {@code <extension id>:ensure-vm-stopped} here because the extension names it only when it runs)
 * @param when on which path the stop would take it
 * @param pid the process it concerns, if one
 * @param action what it would do, in words
 */
public record PlannedStep(String step, When when, OptionalLong pid, String action) {

    /** The path of the stop a step is on. */
    public enum When {
        /** Taken whatever the processes do. */
        ALWAYS,
        /** Taken when every process exits within the grace period. */
        IF_ALL_EXIT,
        /** Taken when a process still runs once the grace period has expired. */
        IF_GRACE_EXPIRES
    }

    /** Validates that nothing is null. */
    public PlannedStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(action, "action");
    }
}
