// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import static org.mockito.Mockito.when;

import dev.lifecycle.windows.win32.HandleEntry;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32Calls;
import dev.lifecycle.windows.win32.WindowsNative;

/**
 * Stubs of a mocked {@link WindowsNative} for the interrupt channels: a process whose
 * parameters hold a process group id, and a process whose handle table holds an event. Every
 * handle value is distinct, so a test can verify each is closed.
 */
final class NativeStubs {

    static final long SELF = 9999;
    static final long GROUP_READER = 0x510;
    static final long HANDLE_LISTER = 0x520;
    static final long EVENT = 0x530;
    static final int EVENT_TYPE = 17;
    static final int FILE_TYPE = 37;
    static final long PEB = 0x7FF6_0000_1000L;
    static final long PARAMETERS = 0x0000_0210_0000_2000L;

    private final WindowsNative win;

    NativeStubs(WindowsNative win) {
        this.win = win;
    }

    Win32Calls calls() {
        return new Win32Calls(win, SELF);
    }

    /** The process's parameters say it belongs to {@code groupId}'s group (itself: a root). */
    void group(long pid, long groupId) {
        group(pid, groupId, 0x440);
    }

    void group(long pid, long groupId, int parametersLength) {
        when(win.openProcess(Win32.PROCESS_VM_READ | Win32.PROCESS_QUERY_LIMITED_INFORMATION, pid)).thenReturn(GROUP_READER);
        when(win.getProcessId(GROUP_READER)).thenReturn(pid);
        when(win.pebBaseAddress(GROUP_READER)).thenReturn(PEB);
        when(win.readProcessMemory(GROUP_READER, PEB + 0x20, 8)).thenReturn(le(PARAMETERS, 8));
        when(win.readProcessMemory(GROUP_READER, PARAMETERS + 4, 4)).thenReturn(le(parametersLength, 4));
        when(win.readProcessMemory(GROUP_READER, PARAMETERS + 0x408, 4)).thenReturn(le(groupId, 4));
    }

    /** An event of that name exists; we hold it as {@link #EVENT}. */
    void eventExists(String name) {
        when(win.openEvent(Win32.EVENT_MODIFY_STATE, name)).thenReturn(EVENT);
        when(win.processHandles(Win32Calls.CURRENT_PROCESS)).thenReturn(new HandleEntry[] {
            new HandleEntry(0x44, FILE_TYPE), new HandleEntry(EVENT, EVENT_TYPE)});
        when(win.setEvent(EVENT)).thenReturn(true);
    }

    /**
     * The process holds these handles; the event handles among them are copied as {@code
     * 0x9000 + handle}, and the one at {@code heldAs} (if any) is the same object as {@link #EVENT}.
     */
    void handlesOf(long pid, long heldAs, HandleEntry... entries) {
        when(win.openProcess(Win32.PROCESS_QUERY_INFORMATION | Win32.PROCESS_DUP_HANDLE
                | Win32.PROCESS_QUERY_LIMITED_INFORMATION, pid)).thenReturn(HANDLE_LISTER);
        when(win.getProcessId(HANDLE_LISTER)).thenReturn(pid);
        when(win.processHandles(HANDLE_LISTER)).thenReturn(entries);
        for (HandleEntry e : entries) {
            when(win.duplicateHandleFrom(HANDLE_LISTER, e.handle())).thenReturn(0x9000 + e.handle());
            when(win.compareObjectHandles(0x9000 + e.handle(), EVENT)).thenReturn(e.handle() == heldAs);
        }
    }

    static byte[] le(long value, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }
}
