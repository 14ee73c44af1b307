// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A live event during a stop, for progress displays. The {@link StopReport} remains the
 * summary; events are the live view.
 *
 * @param instance the instance name
 * @param type what happened
 * @param step the step it happened in (one of {@link Steps} or an extension's step)
 * @param pid the process concerned, if one
 * @param at when it happened
 * @param message what happened, in words; the instance, step and PID are in their own fields
 *     and not repeated here
 */
public record StopEvent(String instance, Type type, String step, OptionalLong pid, Instant at, String message) {

    /** Kinds of events. */
    public enum Type {
        /** The stop of the instance began. */
        STOP_STARTED,
        /** The service manager of an instance started at login was asked to stop it. */
        SERVICE_STOP_REQUESTED,
        /** A graceful interrupt was sent to a process. */
        SIGNAL_SENT,
        /** A process of the instance was seen to exit. */
        PROCESS_EXITED,
        /** The grace period expired with processes still running. */
        GRACE_PERIOD_EXPIRED,
        /** A process was killed. */
        KILL_SENT,
        /** An additional disk lock held by this instance was released. */
        DISK_UNLOCKED,
        /** A stale {@code .pid}, {@code .sock} or {@code .tmp} file was removed. */
        FILE_REMOVED,
        /** A daemon of a shared network that no instance uses any more was stopped and confirmed gone. */
        NETWORK_DAEMON_STOPPED,
        /** A step finished without a problem. */
        STEP_COMPLETED,
        /** A step failed, timed out or was refused. */
        STEP_FAILED,
        /**
         * The caller cancelled the stop: the waits ended and nothing more is forced; the
         * message says what was left running. {@link #STOP_FINISHED} follows with
         * {@link Outcome#CANCELLED}.
         */
        STOP_CANCELLED,
        /**
         * Live events of this instance were dropped because the listener fell behind; the
         * message says how many. Comes just before {@link #STOP_FINISHED}; the report
         * still holds every step.
         */
        EVENTS_DROPPED,
        /** The stop of the instance ended; the message names the outcome. */
        STOP_FINISHED
    }

    /** Validates that nothing is null. */
    public StopEvent {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }
}
