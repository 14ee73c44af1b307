// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

/** What happened in one step of a stop. */
public enum StepStatus {
    /** The step did what it set out to do. */
    SUCCEEDED,
    /** The step had nothing to do (for example no driver PID was recorded). */
    SKIPPED,
    /** The step was not attempted because doing so was not safe (for example a PID that failed the identity check). */
    REFUSED,
    /** The step ran out of time (grace period, kill timeout or command timeout). */
    TIMED_OUT,
    /** The step failed; the message says why. */
    FAILED,
    /**
     * The caller cancelled the stop during this step (or before it): the step ended there,
     * and the message names what was left running. Not a problem of the stop: see
     * {@link Outcome#CANCELLED}.
     */
    CANCELLED;

    /**
     * @return true for {@link #TIMED_OUT} and {@link #FAILED}
     */
    public boolean isProblem() {
        return this == TIMED_OUT || this == FAILED;
    }
}
