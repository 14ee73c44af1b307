// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.windows.win32.HandleEntry;
import dev.lifecycle.windows.win32.OtherProcessException;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32CallException;
import dev.lifecycle.windows.win32.Win32Calls;
import dev.lifecycle.windows.win32.WindowsNative;
import java.util.Optional;

/**
 * Interrupts an agent that waits on a named event by setting it — but only an event the
 * pinned process itself holds open. A name is just a name: an event of that name may be
 * left over from an earlier agent (kept alive by any process holding it) or made by
 * someone else, and setting it would interrupt whoever waits on it instead of the target.
 * So the target's handle table is searched for a handle to the very same object ({@code
 * DuplicateHandle}, then {@code CompareObjectHandles}); only then is the event set.
 */
public final class NamedEventChannel {

    /**
     * What became of it.
     *
     * @param delivered true if the event was set
     * @param detail what happened, naming the event and the PID
     */
    public record Result(boolean delivered, String detail) {
    }

    private final Win32Calls calls;
    private final WindowsNative win;

    /** @param calls the native calls */
    public NamedEventChannel(Win32Calls calls) {
        this.calls = calls;
        this.win = calls.raw();
    }

    /**
     * @param pid the target, pinned by the caller
     * @param name the event's name
     * @return whether the event was set, and what stood in the way if not
     */
    public Result set(long pid, String name) {
        long event = win.openEvent(Win32.EVENT_MODIFY_STATE, name);
        if (event == 0) {
            int error = win.getLastError();
            return new Result(false, error == Win32.ERROR_FILE_NOT_FOUND
                    ? "no interrupt event " + name + " exists (PID " + pid + " does not listen on one)"
                    : "cannot open interrupt event " + name + " (OpenEvent: " + Win32.errorName(error) + ")");
        }
        try {
            Optional<String> notHeld = heldBy(pid, event);
            if (notHeld.isPresent()) {
                return new Result(false, "interrupt event " + name + " exists, but " + notHeld.get() + "; it is not set");
            }
            if (!win.setEvent(event)) {
                return new Result(false, "SetEvent on interrupt event " + name + " failed ("
                        + Win32.errorName(win.getLastError()) + ")");
            }
            return new Result(true, "interrupt event " + name + " set; PID " + pid + " holds it open");
        } finally {
            win.closeHandle(event);
        }
    }

    /** @return empty if the process holds the event, else why it cannot be said that it does */
    private Optional<String> heldBy(long pid, long event) {
        long process;
        try {
            process = calls.openProcess(pid, Win32.PROCESS_QUERY_INFORMATION | Win32.PROCESS_DUP_HANDLE);
        } catch (Win32CallException | OtherProcessException e) {
            return Optional.of("whether PID " + pid + " holds it cannot be checked (" + e.getMessage() + ")");
        }
        try {
            int eventType = typeOf(event);
            for (HandleEntry entry : calls.handles(process)) {
                if (entry.objectTypeIndex() == eventType && holdsSameObject(process, entry.handle(), event)) {
                    return Optional.empty();
                }
            }
            return Optional.of("PID " + pid + " holds no handle to it (it belongs to another process)");
        } catch (Win32CallException e) {
            return Optional.of("whether PID " + pid + " holds it cannot be checked (" + e.getMessage() + ")");
        } finally {
            calls.close(process);
        }
    }

    /** @return the object type index of events, read from our own handle to one */
    private int typeOf(long event) {
        for (HandleEntry entry : calls.handles(Win32Calls.CURRENT_PROCESS)) {
            if (entry.handle() == event) {
                return entry.objectTypeIndex();
            }
        }
        throw new Win32CallException("NtQueryInformationProcess(ProcessHandleInformation): our own handle 0x"
                + Long.toHexString(event) + " is not listed", Win32.ERROR_INVALID_HANDLE);
    }

    private boolean holdsSameObject(long process, long handle, long event) {
        long copy;
        try {
            copy = calls.duplicateFrom(process, handle);
        } catch (Win32CallException e) {
            return false; // a handle closed meanwhile, or one that cannot be copied: not ours to judge
        }
        try {
            return calls.sameObject(copy, event);
        } finally {
            calls.close(copy);
        }
    }
}
