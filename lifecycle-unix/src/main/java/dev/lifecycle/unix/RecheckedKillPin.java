// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.unix.jna.ErrnoException;
import java.util.OptionalInt;

/**
 * Where no pidfd exists (macOS, Linux before 5.3): the PID and its start time, re-checked
 * immediately before each {@code kill(2)}.
 *
 * <p>Residual race, documented rather than hidden: between the re-check and the
 * {@code kill(2)} the process could exit and a new one take its PID. Both macOS and Linux
 * hand out PIDs in increasing order and wrap only after the whole PID space is used, so
 * that would take tens of thousands of process creations within microseconds.
 */
final class RecheckedKillPin implements ProcessPin {

    /** Sends a signal by PID, throwing {@link ErrnoException} on failure. */
    @FunctionalInterface
    interface Kill {
        /**
         * @param pid the PID
         * @param signal the signal
         */
        void send(long pid, UnixSignal signal);
    }

    private final long pid;
    private final long startKey;
    private final ProcessInspector inspector;
    private final Kill kill;
    private volatile boolean closed;

    RecheckedKillPin(long pid, long startKey, ProcessInspector inspector, Kill kill) {
        this.pid = pid;
        this.startKey = startKey;
        this.inspector = inspector;
        this.kill = kill;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public OptionalInt pidfd() {
        return OptionalInt.empty();
    }

    @Override
    public String signalMechanism() {
        return "kill(2) after re-checking the start time";
    }

    @Override
    public SignalResult signal(UnixSignal signal) {
        if (closed) {
            return SignalResults.closed(pid, signal);
        }
        ProcessStatus now = inspector.recheck(pid, startKey);
        if (now instanceof ProcessStatus.Exited exited) {
            return SignalResults.alreadyExited(signal, exited.detail());
        }
        if (now instanceof ProcessStatus.Inaccessible inaccessible) {
            return SignalResults.failed(pid, signal, "its identity could not be re-checked: " + inaccessible.detail());
        }
        try {
            kill.send(pid, signal);
            return SignalResults.delivered(pid, signal, "with kill(2) after re-checking its start time");
        } catch (ErrnoException e) {
            return SignalResults.fromErrno(pid, signal, e);
        }
    }

    @Override
    public boolean hasExited() {
        try {
            return inspector.recheck(pid, startKey) instanceof ProcessStatus.Exited;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
