// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import java.util.Objects;

/**
 * Whether a recorded process still runs, asked through the {@link ProcessControl} with both
 * kinds of identity evidence, so that a reused PID does not count (Lima's own check, signal
 * 0, is fooled by PID reuse) and a live agent is not taken for gone when the clock stepped.
 */
final class ProcessLiveness {

    /** How sure the answer is. */
    public enum State {
        /** The recorded process runs and its identity was proven. */
        ALIVE,
        /** The recorded process has exited, or its PID now names another process. */
        GONE,
        /** Identity could not be proven either way; counted as running. */
        UNKNOWN
    }

    /**
     * The answer.
     *
     * @param state the state
     * @param detail the provider's account, naming the PID
     */
    public record Result(State state, String detail) {
        /** Validates that nothing is null. */
        public Result {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(detail, "detail");
        }

        /** @return true unless the process is known to be gone */
        public boolean countsAsRunning() {
            return state != State.GONE;
        }
    }

    private ProcessLiveness() {
    }

    /**
     * Checks one process. A found target is closed at once: nothing is signalled here.
     *
     * @param control the provider
     * @param ref the recorded process
     * @param owner the instance it should belong to
     * @return the answer; a provider failure is {@link State#UNKNOWN}, never an exception
     */
    public static Result check(ProcessControl control, ProcessRef ref, ExpectedOwner owner) {
        ProcessLookup lookup;
        try {
            lookup = control.find(ref, owner);
        } catch (RuntimeException e) {
            // A provider bug must not make a possibly running process look stopped.
            return new Result(State.UNKNOWN, "PID " + ref.pid() + ": process control '" + control.id()
                    + "' failed: " + e);
        }
        if (lookup instanceof ProcessLookup.Found found) {
            found.target().close();
            return new Result(State.ALIVE, found.detail());
        }
        if (lookup instanceof ProcessLookup.Unknown) {
            return new Result(State.UNKNOWN, lookup.detail());
        }
        // NotRunning, NotOurs (the PID was reused, or names another instance's process) and
        // Refused (PID 1, ourselves) all mean the instance's own process is not there.
        return new Result(State.GONE, lookup.detail());
    }
}
