package dev.lifecycle.windows.interrupt;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one pinned process to shut down: through its named interrupt event when one is
 * configured and exists, otherwise with Ctrl+Break from a helper process attached to its
 * console. The host JVM never attaches to another console and never generates a console
 * event itself, so it cannot hit its own process group (Lima's {@code SysKill} defect).
 */
public final class GracefulInterrupt {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulInterrupt.class);

    private final WindowsNative win;
    private final HelperLauncher helper;
    private final Optional<InterruptEventName> eventName;

    /**
     * @param win the native calls
     * @param helper starts the Ctrl+Break helper
     * @param eventName the named-event pattern, if that channel is configured
     */
    public GracefulInterrupt(WindowsNative win, HelperLauncher helper, Optional<InterruptEventName> eventName) {
        this.win = Objects.requireNonNull(win, "win");
        this.helper = Objects.requireNonNull(helper, "helper");
        this.eventName = Objects.requireNonNull(eventName, "eventName");
    }

    /**
     * @param pid the target
     * @param processHandle an open handle on it (held by the caller for the whole call, so
     *     the PID the helper is given cannot be reused meanwhile)
     * @param timeout the limit for the helper process
     * @return what happened
     */
    public SignalResult interrupt(long pid, long processHandle, Duration timeout) {
        if (exited(processHandle)) {
            return new SignalResult(Status.ALREADY_EXITED, "PID " + pid + " had already exited; no interrupt sent");
        }
        String note = "";
        if (eventName.isPresent()) {
            String name = eventName.get().nameFor(pid);
            Optional<SignalResult> viaEvent = setEvent(pid, name);
            if (viaEvent.isPresent()) {
                return viaEvent.get();
            }
            note = "named event " + name + " not usable, used Ctrl+Break instead; ";
        }
        SignalResult result = HelperResults.toSignalResult(pid, helper.sendCtrlBreak(pid, timeout), timeout);
        if (result.status() != Status.DELIVERED && result.status() != Status.ALREADY_EXITED && exited(processHandle)) {
            result = new SignalResult(Status.ALREADY_EXITED, "PID " + pid + " exited while it was being interrupted ("
                    + result.detail() + ")");
        }
        LOG.debug("Interrupt of PID {}: {} - {}{}", pid, result.status(), note, result.detail());
        return note.isEmpty() ? result : new SignalResult(result.status(), note + result.detail());
    }

    /** @return the result if the event channel settled it, empty to fall back to Ctrl+Break */
    private Optional<SignalResult> setEvent(long pid, String name) {
        long event = win.openEvent(Win32.EVENT_MODIFY_STATE, name);
        if (event == 0) {
            int error = win.getLastError();
            // No such event is the normal case for an agent that does not listen for one.
            if (error == Win32.ERROR_FILE_NOT_FOUND) {
                LOG.debug("PID {}: no interrupt event {}; falling back to Ctrl+Break", pid, name);
            } else {
                LOG.warn("PID {}: cannot open interrupt event {} ({}); falling back to Ctrl+Break",
                        pid, name, Win32.errorName(error));
            }
            return Optional.empty();
        }
        try {
            if (win.setEvent(event)) {
                return Optional.of(new SignalResult(Status.DELIVERED,
                        "interrupt event " + name + " set for PID " + pid));
            }
            LOG.warn("PID {}: SetEvent on interrupt event {} failed ({}); falling back to Ctrl+Break",
                    pid, name, Win32.errorName(win.getLastError()));
            return Optional.empty();
        } finally {
            win.closeHandle(event);
        }
    }

    private boolean exited(long processHandle) {
        return win.waitForSingleObject(processHandle, 0) == Win32.WAIT_OBJECT_0;
    }
}
