// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.spi.InterruptRequest;
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
 * Asks one pinned process to shut down: through the named event the host app's strategy
 * names for it, when the process holds that event, otherwise with Ctrl+Break from the helper
 * process, when the process is the root of a console process group. The host JVM never
 * attaches to another console and never generates a console event itself, so it cannot hit
 * its own process group (Lima's {@code SysKill} defect).
 */
public final class GracefulInterrupt {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulInterrupt.class);

    private final WindowsNative win;
    private final EventNaming naming;
    private final NamedEventChannel events;
    private final ConsoleBreakChannel console;

    /**
     * @param win the native calls
     * @param naming the host app's choice of event per instance, role and PID
     * @param events sets named events
     * @param console sends Ctrl+Break
     */
    public GracefulInterrupt(WindowsNative win, EventNaming naming, NamedEventChannel events,
                             ConsoleBreakChannel console) {
        this.win = Objects.requireNonNull(win, "win");
        this.naming = Objects.requireNonNull(naming, "naming");
        this.events = Objects.requireNonNull(events, "events");
        this.console = Objects.requireNonNull(console, "console");
    }

    /**
     * @param pid the target
     * @param processHandle an open handle on it (held by the caller for the whole call, so
     *     the PID cannot be reused meanwhile)
     * @param request the instance and role, when the caller knows them
     * @param timeout the limit for the helper process
     * @return what happened
     */
    public SignalResult interrupt(long pid, long processHandle, Optional<InterruptRequest> request, Duration timeout) {
        if (exited(processHandle)) {
            return new SignalResult(Status.ALREADY_EXITED, "PID " + pid + " had already exited; no interrupt sent");
        }
        String note = "";
        Optional<String> event;
        try {
            event = request.flatMap(r -> naming.eventFor(r, pid));
        } catch (RuntimeException e) {
            LOG.warn("PID {}: the host app's interrupt channel strategy failed ({}); trying Ctrl+Break", pid, e.toString());
            event = Optional.empty();
            note = "the interrupt channel strategy failed (" + e + "); ";
        }
        if (event.isPresent()) {
            NamedEventChannel.Result viaEvent = events.set(pid, event.get());
            if (viaEvent.delivered()) {
                LOG.debug("Interrupt of PID {}: {}", pid, viaEvent.detail());
                return new SignalResult(Status.DELIVERED, viaEvent.detail());
            }
            LOG.debug("PID {}: {}; trying Ctrl+Break", pid, viaEvent.detail());
            note = viaEvent.detail() + "; Ctrl+Break instead: ";
        }
        SignalResult result = console.send(pid, timeout);
        if (result.status() != Status.DELIVERED && result.status() != Status.ALREADY_EXITED && exited(processHandle)) {
            result = new SignalResult(Status.ALREADY_EXITED, "PID " + pid + " exited while it was being interrupted ("
                    + result.detail() + ")");
        }
        LOG.debug("Interrupt of PID {}: {} - {}{}", pid, result.status(), note, result.detail());
        return note.isEmpty() ? result : new SignalResult(result.status(), note + result.detail());
    }

    private boolean exited(long processHandle) {
        return win.waitForSingleObject(processHandle, 0) == Win32.WAIT_OBJECT_0;
    }
}
