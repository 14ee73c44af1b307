// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.LinuxLibC;
import dev.lifecycle.unix.jna.LinuxNative;
import java.util.OptionalInt;

/**
 * Linux 5.3+: a pidfd refers to one process, not to a PID, so a signal sent through it can
 * never reach a later process that reused the PID. The pidfd turns readable when the
 * process exits (a zombie has exited), which is both the liveness test and what epoll
 * watches. Every use of the descriptor and its closing are serialized, so a signal never
 * goes through a closed (and perhaps reused) descriptor number.
 */
final class PidfdPin implements ProcessPin {

    private final LinuxNative linux;
    private final int pidfd;
    private final long pid;
    private final long startTicks;
    private final ProcessInspector inspector;
    private final PidfdBudget budget;
    private boolean closed;

    /**
     * @param budget the budget the pin was taken from; closing gives it back
     */
    PidfdPin(LinuxNative linux, int pidfd, long pid, long startTicks, ProcessInspector inspector, PidfdBudget budget) {
        this.linux = linux;
        this.pidfd = pidfd;
        this.pid = pid;
        this.startTicks = startTicks;
        this.inspector = inspector;
        this.budget = budget;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public OptionalInt pidfd() {
        return OptionalInt.of(pidfd);
    }

    @Override
    public String signalMechanism() {
        return "pidfd_send_signal";
    }

    @Override
    public synchronized SignalResult signal(UnixSignal signal) {
        if (closed) {
            return SignalResults.closed(pid, signal);
        }
        try {
            // A zombie still accepts signals; report it as exited instead of "delivered".
            if (linux.pollReadable(pidfd)) {
                return SignalResults.alreadyExited(signal, "PID " + pid + " had already exited (its pidfd is readable)");
            }
            linux.pidfdSendSignal(pidfd, signal == UnixSignal.SIGINT ? LinuxLibC.SIGINT : LinuxLibC.SIGKILL);
            return SignalResults.delivered(pid, signal, "through its pidfd (pidfd_send_signal)");
        } catch (ErrnoException e) {
            return SignalResults.fromErrno(pid, signal, e);
        }
    }

    @Override
    public synchronized boolean hasExited() {
        if (!closed) {
            try {
                return linux.pollReadable(pidfd);
            } catch (ErrnoException e) {
                // fall through to the unpinned check
            }
        }
        return inspector.recheck(pid, startTicks) instanceof ProcessStatus.Exited;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            linux.close(pidfd);
            budget.release();
        }
    }
}
