// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One step of a stop: what was tried, what happened, how long it took.
 *
 * @param step the step name, one of {@link Steps} or an extension's own
 * @param status what happened
 * @param duration how long the step took
 * @param pid the process the step concerned, if one
 * @param message what happened, in words; the instance (in the {@link StopReport}), the step
 *     and the PID are in their own fields and not repeated here
 */
public record StepResult(String step, StepStatus status, Duration duration, OptionalLong pid,
                         String message) {

    /** Validates that no component is null and the duration is not negative. */
    public StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(message, "message");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Step '" + step + "': negative duration " + duration);
        }
    }

    /**
     * A step about one process.
     *
     * @param step the step name
     * @param status what happened
     * @param duration how long it took
     * @param pid the PID
     * @param message what happened, in words
     * @return the result
     */
    public static StepResult of(String step, StepStatus status, Duration duration, long pid, String message) {
        return new StepResult(step, status, duration, OptionalLong.of(pid), message);
    }

    /**
     * A step that concerns no single process.
     *
     * @param step the step name
     * @param status what happened
     * @param duration how long it took
     * @param message what happened, in words
     * @return the result
     */
    public static StepResult of(String step, StepStatus status, Duration duration, String message) {
        return new StepResult(step, status, duration, OptionalLong.empty(), message);
    }
}
