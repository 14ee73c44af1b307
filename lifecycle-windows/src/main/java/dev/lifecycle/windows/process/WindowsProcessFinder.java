// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.IdentityRule;
import dev.lifecycle.spi.ProcessEvidence;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.StartTimeCheck;
import dev.lifecycle.windows.exitwatch.WindowsExitWatcher;
import dev.lifecycle.windows.interrupt.GracefulInterrupt;
import dev.lifecycle.windows.win32.FileTimes;
import dev.lifecycle.windows.win32.OtherProcessException;
import dev.lifecycle.windows.win32.SharedHandle;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32CallException;
import dev.lifecycle.windows.win32.Win32Calls;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a process by PID and proves its identity on a handle that then pins it: the PID
 * cannot be reused while the handle is open, so what was proven stays true until the
 * target is closed. The handle is checked to refer to exactly the PID asked for, and it
 * carries only the rights to watch ({@link #WATCH_ACCESS}): an elevated agent that we may
 * watch but not kill is still identified, watched and reported, and {@code
 * PROCESS_TERMINATE} is asked for only when killing. With an owner, the command line is read
 * on the same handle ({@code ProcessCommandLineInformation}) and the identity rule decides
 * with both kinds of evidence; Windows shows no open files this way. A handle is closed on
 * every path that does not hand it out.
 */
public final class WindowsProcessFinder {

    /** What a target keeps: read its times, wait on it. Nothing more. */
    public static final int WATCH_ACCESS = Win32.PROCESS_QUERY_LIMITED_INFORMATION | Win32.SYNCHRONIZE;

    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessFinder.class);

    private final Win32Calls calls;
    private final GracefulInterrupt interrupt;
    private final WindowsExitWatcher exitWatcher;
    private final Duration tolerance;

    /**
     * @param calls the native calls
     * @param interrupt how targets are interrupted
     * @param exitWatcher serves the targets' {@code onExit()}
     * @param tolerance the clock tolerance of the start-time check
     */
    public WindowsProcessFinder(Win32Calls calls, GracefulInterrupt interrupt, WindowsExitWatcher exitWatcher,
                                Duration tolerance) {
        this.calls = calls;
        this.interrupt = interrupt;
        this.exitWatcher = exitWatcher;
        this.tolerance = tolerance;
    }

    /**
     * @param ref the process reference
     * @return the lookup result by start time alone; a {@link ProcessLookup.Found} owns an open handle
     */
    public ProcessLookup find(ProcessRef ref) {
        return find(ref, Optional.empty());
    }

    /**
     * @param ref the process reference
     * @param owner the instance it should belong to: its command line is read and
     *     {@link IdentityRule} decides; empty: the start time alone
     * @return the lookup result; a {@link ProcessLookup.Found} owns an open handle
     */
    public ProcessLookup find(ProcessRef ref, Optional<ExpectedOwner> owner) {
        long pid = ref.pid();
        Optional<String> refusal = StartTimeCheck.refusal(pid);
        if (refusal.isPresent()) {
            return new ProcessLookup.Refused(refusal.get());
        }
        if (pid > Win32.MAX_PID) {
            return new ProcessLookup.NotRunning("PID " + pid + " is not running (no Windows PID is that large)");
        }
        long handle;
        try {
            handle = calls.openProcess(pid, WATCH_ACCESS);
        } catch (OtherProcessException e) {
            LOG.debug("PID {} is not the referenced process and is left alone: {}", pid, e.getMessage());
            return new ProcessLookup.NotOurs(e.getMessage());
        } catch (Win32CallException e) {
            return openFailed(pid, e);
        }
        WindowsNative win = calls.raw();
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
            if (owner.isPresent()) {
                ProcessLookup lookup = IdentityRule.decide(ref, owner.get(), start, tolerance, evidence(pid, handle))
                        .lookup(() -> new WindowsProcessTarget(pid, start, new SharedHandle(handle, win::closeHandle),
                                calls, interrupt, exitWatcher));
                handedOut = lookup instanceof ProcessLookup.Found;
                if (!handedOut) {
                    LOG.info("PID {} is left alone: {}", pid, lookup.detail());
                }
                return lookup;
            }
            Optional<String> mismatch = StartTimeCheck.mismatch(ref, start, tolerance);
            if (mismatch.isPresent()) {
                LOG.debug("PID {} is not the referenced process and is left alone: {}", pid, mismatch.get());
                return new ProcessLookup.NotOurs(mismatch.get());
            }
            WindowsProcessTarget target = new WindowsProcessTarget(pid, start,
                    new SharedHandle(handle, win::closeHandle), calls, interrupt, exitWatcher);
            handedOut = true;
            return new ProcessLookup.Found(target, "PID " + pid + " started at " + start
                    + " (creation time read on the process handle, which pins it until the target is closed)");
        } finally {
            if (!handedOut) {
                win.closeHandle(handle);
            }
        }
    }

    /** The command line, read on the pinning handle; what cannot be read is said, never thrown. */
    private ProcessEvidence evidence(long pid, long handle) {
        try {
            return ProcessEvidence.commandLineOnly(WindowsCommandLine.split(calls.commandLine(handle)),
                    "Windows does not show a process's open files to this provider");
        } catch (Win32CallException e) {
            return ProcessEvidence.unreadable("PID " + pid + ": its command line cannot be read (" + e.getMessage()
                    + ")");
        }
    }

    private static ProcessLookup openFailed(long pid, Win32CallException e) {
        if (e.error() == Win32.ERROR_INVALID_PARAMETER) {
            return new ProcessLookup.NotRunning("PID " + pid + " is not running (" + e.getMessage() + ")");
        }
        if (e.error() == Win32.ERROR_ACCESS_DENIED) {
            return new ProcessLookup.Unknown("PID " + pid + ": access denied opening it to watch (" + e.getMessage()
                    + "), so its identity cannot be proven; it is left alone. Run the host app as the user who"
                    + " started the instance.");
        }
        return new ProcessLookup.Unknown("PID " + pid + ": cannot open it (" + e.getMessage()
                + "), so its identity cannot be proven; it is left alone");
    }
}
