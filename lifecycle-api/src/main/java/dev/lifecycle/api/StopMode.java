// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

/** How an instance is stopped. */
public enum StopMode {
    /** Interrupt the host agent, wait for the grace period, then force what is left. The default. */
    GRACEFUL_THEN_FORCED,
    /** Skip the interrupt: run the forced sequence at once, like {@code limactl stop -f}. */
    FORCED_ONLY,
    /** Interrupt and wait; if the grace period expires, leave the processes running and report {@link Outcome#FAILED}. */
    GRACEFUL_ONLY
}
