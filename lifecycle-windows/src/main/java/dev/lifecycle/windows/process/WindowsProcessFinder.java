package dev.lifecycle.windows.process;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.StartTimeCheck;
import dev.lifecycle.windows.exitwatch.ExitWatcher;
import dev.lifecycle.windows.interrupt.GracefulInterrupt;
import dev.lifecycle.windows.win32.FileTimes;
import dev.lifecycle.windows.win32.SharedHandle;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a process by PID and proves its identity on a handle that then pins it: the PID
 * cannot be reused while the handle is open, so what was proven stays true until the
 * target is closed. A handle is closed on every path that does not hand it out.
 */
public final class WindowsProcessFinder {

    /** What a target needs: read its times, wait on it, terminate it. Nothing more. */
    public static final int ACCESS = Win32.PROCESS_QUERY_LIMITED_INFORMATION | Win32.SYNCHRONIZE
            | Win32.PROCESS_TERMINATE;

    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessFinder.class);

    private final WindowsNative win;
    private final GracefulInterrupt interrupt;
    private final ExitWatcher exitWatcher;
    private final Duration tolerance;

    /**
     * @param win the native calls
     * @param interrupt how targets are interrupted
     * @param exitWatcher serves the targets' {@code onExit()}
     * @param tolerance the clock tolerance of the start-time check
     */
    public WindowsProcessFinder(WindowsNative win, GracefulInterrupt interrupt, ExitWatcher exitWatcher,
                                Duration tolerance) {
        this.win = win;
        this.interrupt = interrupt;
        this.exitWatcher = exitWatcher;
        this.tolerance = tolerance;
    }

    /**
     * @param ref the process reference
     * @return the lookup result; a {@link ProcessLookup.Found} owns an open handle
     */
    public ProcessLookup find(ProcessRef ref) {
        long pid = ref.pid();
        Optional<String> refusal = StartTimeCheck.refusal(pid);
        if (refusal.isPresent()) {
            return new ProcessLookup.Refused(refusal.get());
        }
        if (pid > Win32.MAX_PID) {
            return new ProcessLookup.NotRunning("PID " + pid + " is not running (no Windows PID is that large)");
        }
        long handle = win.openProcess(ACCESS, pid);
        if (handle == 0) {
            return openFailed(pid, win.getLastError());
        }
        boolean handedOut = false;
        try {
            int state = win.waitForSingleObject(handle, 0);
            if (state == Win32.WAIT_OBJECT_0) {
                // Someone still holds a handle on an exited process, so its PID is still reserved.
                return new ProcessLookup.NotRunning("PID " + pid + " has exited (its process handle is signalled)");
            }
            if (state != Win32.WAIT_TIMEOUT) {
                return new ProcessLookup.Unknown("PID " + pid + ": cannot tell whether it is running"
                        + " (WaitForSingleObject returned " + state + ", " + Win32.errorName(win.getLastError())
                        + "); it is left alone");
            }
            long created = win.getProcessCreationTime(handle);
            if (created < 0) {
                return new ProcessLookup.Unknown("PID " + pid + ": cannot read its creation time (GetProcessTimes: "
                        + Win32.errorName(win.getLastError()) + "), so its identity cannot be proven; it is left alone");
            }
            Instant start = FileTimes.toInstant(created);
            Optional<String> mismatch = StartTimeCheck.mismatch(ref, start, tolerance);
            if (mismatch.isPresent()) {
                LOG.info("PID {} is not the referenced process and is left alone: {}", pid, mismatch.get());
                return new ProcessLookup.NotOurs(mismatch.get());
            }
            WindowsProcessTarget target = new WindowsProcessTarget(pid, start,
                    new SharedHandle(handle, win::closeHandle), win, interrupt, exitWatcher);
            handedOut = true;
            return new ProcessLookup.Found(target, "PID " + pid + " started at " + start
                    + " (creation time read on the process handle, which pins it until the target is closed)");
        } finally {
            if (!handedOut) {
                win.closeHandle(handle);
            }
        }
    }

    private static ProcessLookup openFailed(long pid, int error) {
        if (error == Win32.ERROR_INVALID_PARAMETER) {
            return new ProcessLookup.NotRunning("PID " + pid + " is not running (OpenProcess: ERROR_INVALID_PARAMETER)");
        }
        if (error == Win32.ERROR_ACCESS_DENIED) {
            return new ProcessLookup.Unknown("PID " + pid + ": access denied opening it (OpenProcess: "
                    + "ERROR_ACCESS_DENIED), so its identity cannot be proven; it is left alone. Run the host app as"
                    + " the user who started the instance.");
        }
        return new ProcessLookup.Unknown("PID " + pid + ": cannot open it (OpenProcess: " + Win32.errorName(error)
                + "), so its identity cannot be proven; it is left alone");
    }
}
