// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.exitwatch.WindowsExitWatcher;
import dev.lifecycle.windows.interrupt.GracefulInterrupt;
import dev.lifecycle.windows.win32.OtherProcessException;
import dev.lifecycle.windows.win32.SharedHandle;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32CallException;
import dev.lifecycle.windows.win32.Win32Calls;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process pinned by an open handle that may only watch it. Each operation borrows the
 * handle, so closing the target while another thread kills or waits through it never frees
 * a handle value in use. Killing opens a second handle with {@code PROCESS_TERMINATE} for
 * just that call: while the watch handle is open the PID cannot name another process.
 * Liveness is a zero wait on the handle, never {@code GetExitCodeProcess == STILL_ACTIVE}
 * (a process may exit with code 259).
 */
public final class WindowsProcessTarget implements ProcessTarget {

    /** The exit code a killed process gets. */
    public static final int KILL_EXIT_CODE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessTarget.class);

    private final long pid;
    private final Instant start;
    private final SharedHandle handle;
    private final Win32Calls calls;
    private final WindowsNative win;
    private final GracefulInterrupt interrupt;
    private final WindowsExitWatcher exitWatcher;
    private final AtomicBoolean terminateSent = new AtomicBoolean();
    /** What the last look before {@link #close()} saw; answers {@link #isAlive()} once the pin is gone. */
    private volatile boolean exitSeenAtClose;

    WindowsProcessTarget(long pid, Instant start, SharedHandle handle, Win32Calls calls, GracefulInterrupt interrupt,
                         WindowsExitWatcher exitWatcher) {
        this.pid = pid;
        this.start = start;
        this.handle = handle;
        this.calls = calls;
        this.win = calls.raw();
        this.interrupt = interrupt;
        this.exitWatcher = exitWatcher;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public Optional<Instant> startInstant() {
        return Optional.of(start);
    }

    /** Without the instance and role, only the console channel (Ctrl+Break) can be tried. */
    @Override
    public SignalResult interrupt(Duration timeout) {
        return interrupt(Optional.empty(), timeout);
    }

    @Override
    public SignalResult interrupt(InterruptRequest request) {
        return interrupt(Optional.of(request), request.timeout());
    }

    private SignalResult interrupt(Optional<InterruptRequest> request, Duration timeout) {
        if (!handle.borrow()) {
            return closed("interrupt");
        }
        try {
            return interrupt.interrupt(pid, handle.value(), request, timeout);
        } finally {
            handle.giveBack();
        }
    }

    @Override
    public SignalResult kill() {
        if (!handle.borrow()) {
            return closed("kill");
        }
        try {
            long h = handle.value();
            if (exited(h)) {
                return new SignalResult(Status.ALREADY_EXITED, "PID " + pid + " had already exited; not terminated");
            }
            long killer;
            try {
                killer = calls.openProcess(pid, Win32.PROCESS_TERMINATE);
            } catch (Win32CallException e) {
                return openForKillFailed(h, e);
            } catch (OtherProcessException e) {
                // Cannot happen while the watch handle pins the PID; said rather than assumed.
                return new SignalResult(Status.FAILED, e.getMessage());
            }
            try {
                return terminate(h, killer);
            } finally {
                calls.close(killer);
            }
        } finally {
            handle.giveBack();
        }
    }

    private SignalResult openForKillFailed(long h, Win32CallException e) {
        if (exited(h)) {
            return new SignalResult(Status.ALREADY_EXITED, "PID " + pid + " exited while it was being killed ("
                    + e.getMessage() + ")");
        }
        if (e.error() == Win32.ERROR_ACCESS_DENIED) {
            return new SignalResult(Status.NOT_PERMITTED, "PID " + pid + " may be watched but not terminated ("
                    + e.getMessage() + " for PROCESS_TERMINATE; an elevated agent?): run the host app as the user,"
                    + " and with the elevation, that started the instance");
        }
        return new SignalResult(Status.FAILED, "PID " + pid + ": cannot open it to terminate it (" + e.getMessage() + ")");
    }

    private SignalResult terminate(long watch, long killer) {
        if (win.terminateProcess(killer, KILL_EXIT_CODE)) {
            terminateSent.set(true);
            LOG.debug("TerminateProcess sent to PID {}", pid);
            return new SignalResult(Status.DELIVERED, "TerminateProcess (exit code " + KILL_EXIT_CODE + ") sent to PID "
                    + pid + ", pinned by its handle; its exit is confirmed by waiting on the handle");
        }
        int error = win.getLastError();
        // TerminateProcess on a process that has just exited fails with ERROR_ACCESS_DENIED.
        if (exited(watch)) {
            return new SignalResult(Status.ALREADY_EXITED, "PID " + pid + " exited while it was being killed"
                    + " (TerminateProcess: " + Win32.errorName(error) + ")");
        }
        if (error == Win32.ERROR_ACCESS_DENIED && terminateSent.get()) {
            return new SignalResult(Status.DELIVERED, "PID " + pid + " is already being terminated by an earlier"
                    + " TerminateProcess; its exit is pending");
        }
        if (error == Win32.ERROR_ACCESS_DENIED) {
            return new SignalResult(Status.NOT_PERMITTED, "PID " + pid + ": TerminateProcess was denied"
                    + " (ERROR_ACCESS_DENIED); run the host app as the user who started the instance");
        }
        return new SignalResult(Status.FAILED, "PID " + pid + ": TerminateProcess failed (" + Win32.errorName(error) + ")");
    }

    /**
     * A zero wait on the pinned handle. A failed wait counts as alive: only a confirmed exit
     * may let the stop go on to remove the instance's files. After {@link #close()} nothing
     * pins the PID, so the answer is what the last look before closing saw; never throws.
     */
    @Override
    public boolean isAlive() {
        if (!handle.borrow()) {
            return !exitSeenAtClose;
        }
        try {
            int state = win.waitForSingleObject(handle.value(), 0);
            if (state == Win32.WAIT_FAILED) {
                LOG.warn("PID {}: cannot wait on its handle ({}); counted as running", pid,
                        Win32.errorName(win.getLastError()));
            }
            return state != Win32.WAIT_OBJECT_0;
        } finally {
            handle.giveBack();
        }
    }

    @Override
    public CompletableFuture<Instant> onExit() {
        return exitWatcher.watch(handle, pid);
    }

    @Override
    public synchronized void close() {
        if (handle.isClosed()) {
            return;
        }
        if (handle.borrow()) {
            try {
                exitSeenAtClose = exited(handle.value());
            } finally {
                handle.giveBack();
            }
        }
        handle.close();
        exitWatcher.release(handle);
    }

    private boolean exited(long h) {
        return win.waitForSingleObject(h, 0) == Win32.WAIT_OBJECT_0;
    }

    private SignalResult closed(String what) {
        return new SignalResult(Status.FAILED, "PID " + pid + ": cannot " + what
                + " through a closed process target; find the process again");
    }

    @Override
    public String toString() {
        return "PID " + pid + " (started " + start + ", pinned by a process handle)";
    }
}
