package dev.lifecycle.windows.process;

import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.exitwatch.ExitWatcher;
import dev.lifecycle.windows.interrupt.GracefulInterrupt;
import dev.lifecycle.windows.win32.SharedHandle;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process pinned by an open handle. Each operation borrows the handle, so closing the
 * target while another thread kills or waits through it never frees a handle value in use.
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
    private final WindowsNative win;
    private final GracefulInterrupt interrupt;
    private final ExitWatcher exitWatcher;
    private final AtomicBoolean terminateSent = new AtomicBoolean();

    WindowsProcessTarget(long pid, Instant start, SharedHandle handle, WindowsNative win,
                         GracefulInterrupt interrupt, ExitWatcher exitWatcher) {
        this.pid = pid;
        this.start = start;
        this.handle = handle;
        this.win = win;
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

    @Override
    public SignalResult interrupt(Duration timeout) {
        if (!handle.borrow()) {
            return closed("interrupt");
        }
        try {
            return interrupt.interrupt(pid, handle.value(), timeout);
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
            if (win.terminateProcess(h, KILL_EXIT_CODE)) {
                terminateSent.set(true);
                LOG.debug("TerminateProcess sent to PID {}", pid);
                return new SignalResult(Status.DELIVERED, "TerminateProcess (exit code " + KILL_EXIT_CODE
                        + ") on the pinned handle of PID " + pid + "; its exit is confirmed by waiting on the handle");
            }
            int error = win.getLastError();
            // TerminateProcess on a process that has just exited fails with ERROR_ACCESS_DENIED.
            if (exited(h)) {
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
            return new SignalResult(Status.FAILED, "PID " + pid + ": TerminateProcess failed ("
                    + Win32.errorName(error) + ")");
        } finally {
            handle.giveBack();
        }
    }

    /**
     * A zero wait on the pinned handle. A failed wait counts as alive: only a confirmed exit
     * may let the stop go on to remove the instance's files.
     *
     * @throws IllegalStateException if the target is closed (nothing pins the PID any more)
     */
    @Override
    public boolean isAlive() {
        if (!handle.borrow()) {
            throw new IllegalStateException("PID " + pid + ": the process target is closed; find the process again");
        }
        try {
            int state = win.waitForSingleObject(handle.value(), 0);
            if (state == Win32.WAIT_FAILED) {
                // Counted as running: only a confirmed exit may let the stop remove the instance's files.
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
    public void close() {
        if (!handle.isClosed()) {
            handle.close();
            exitWatcher.release(handle);
        }
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
