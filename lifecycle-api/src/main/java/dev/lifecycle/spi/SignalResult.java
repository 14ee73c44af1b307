// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.util.Objects;

/**
 * The result of sending an interrupt or kill.
 *
 * @param status what happened
 * @param detail a human-readable account naming the PID and mechanism
 */
public record SignalResult(Status status, String detail) {

    /** What happened to a signal. */
    public enum Status {
        /** The signal or event was delivered. */
        DELIVERED,
        /** The process had already exited; nothing was sent. */
        ALREADY_EXITED,
        /** The OS refused: no permission to signal this process. */
        NOT_PERMITTED,
        /** This process cannot receive this kind of interrupt (for example it has no console). */
        NO_CHANNEL,
        /** The helper or command that delivers the signal ran out of time. */
        TIMED_OUT,
        /** Any other failure; the detail says what. */
        FAILED
    }

    /** Validates that nothing is null. */
    public SignalResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return true if the signal was delivered or the process was already gone */
    public boolean isDeliveredOrGone() {
        return status == Status.DELIVERED || status == Status.ALREADY_EXITED;
    }
}
