// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import org.junit.jupiter.api.Test;

/** The process group id read from a process's parameters, with the native layer mocked. */
class ProcessGroupsTest {

    private static final long PID = 4244;

    private final WindowsNative win = mock(WindowsNative.class);
    private final NativeStubs stubs = new NativeStubs(win);
    private final ProcessGroups groups = new ProcessGroups(stubs.calls(), 8);

    @Test
    void aProcessWhoseGroupIdIsItsOwnPidIsARoot() {
        stubs.group(PID, PID);
        assertInstanceOf(ProcessGroups.Membership.Root.class, groups.of(PID));
        verify(win).closeHandle(NativeStubs.GROUP_READER);
    }

    @Test
    void aProcessInAnotherGroupIsAMemberOfThatGroup() {
        stubs.group(PID, 1200);
        assertEquals(new ProcessGroups.Membership.Member(1200), groups.of(PID));
        verify(win).closeHandle(NativeStubs.GROUP_READER);
    }

    @Test
    void parametersTooShortToHoldTheGroupIdAreUnknownNotAGuess() {
        stubs.group(PID, PID, 0x400);
        ProcessGroups.Membership m = groups.of(PID);
        ProcessGroups.Membership.Unknown unknown = assertInstanceOf(ProcessGroups.Membership.Unknown.class, m);
        assertTrue(unknown.why().contains("1024 bytes"), unknown.why());
        verify(win, never()).readProcessMemory(anyLong(), eq(NativeStubs.PARAMETERS + 0x408), anyInt());
    }

    @Test
    void aProcessWhoseMemoryWeMayNotReadIsUnknownAndSaysDenied() {
        when(win.openProcess(Win32.PROCESS_VM_READ | Win32.PROCESS_QUERY_LIMITED_INFORMATION, PID)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        ProcessGroups.Membership.Unknown unknown = assertInstanceOf(ProcessGroups.Membership.Unknown.class, groups.of(PID));
        assertTrue(unknown.denied());
        assertTrue(unknown.why().contains("ERROR_ACCESS_DENIED"), unknown.why());
    }

    @Test
    void aShortReadIsUnknownAndTheHandleIsClosed() {
        stubs.group(PID, PID);
        when(win.readProcessMemory(NativeStubs.GROUP_READER, NativeStubs.PARAMETERS + 0x408, 4)).thenReturn(null);
        when(win.getLastError()).thenReturn(Win32.ERROR_PARTIAL_COPY);
        ProcessGroups.Membership.Unknown unknown = assertInstanceOf(ProcessGroups.Membership.Unknown.class, groups.of(PID));
        assertFalse(unknown.denied());
        assertTrue(unknown.why().contains("ERROR_PARTIAL_COPY"), unknown.why());
        verify(win).closeHandle(NativeStubs.GROUP_READER);
    }

    @Test
    void aPidWhoseLowBitsWindowsIgnoredIsUnknownAndNotReadAtAll() {
        // OpenProcess(4245) opens 4244: the reader must not take 4244's group for 4245's.
        when(win.openProcess(Win32.PROCESS_VM_READ | Win32.PROCESS_QUERY_LIMITED_INFORMATION, PID + 1))
                .thenReturn(NativeStubs.GROUP_READER);
        when(win.getProcessId(NativeStubs.GROUP_READER)).thenReturn(PID);
        ProcessGroups.Membership.Unknown unknown = assertInstanceOf(ProcessGroups.Membership.Unknown.class,
                groups.of(PID + 1));
        assertTrue(unknown.why().contains("opened PID " + PID), unknown.why());
        verify(win).closeHandle(NativeStubs.GROUP_READER);
        verify(win, never()).pebBaseAddress(anyLong());
    }

    @Test
    void aThirtyTwoBitJvmReadsTheThirtyTwoBitLayout() {
        ProcessGroups narrow = new ProcessGroups(stubs.calls(), 4);
        when(win.openProcess(Win32.PROCESS_VM_READ | Win32.PROCESS_QUERY_LIMITED_INFORMATION, PID)).thenReturn(0x60L);
        when(win.getProcessId(0x60L)).thenReturn(PID);
        when(win.pebBaseAddress(0x60L)).thenReturn(0x7000L);
        when(win.readProcessMemory(0x60L, 0x7000L + 0x10, 4)).thenReturn(NativeStubs.le(0x3000, 4));
        when(win.readProcessMemory(0x60L, 0x3000L + 4, 4)).thenReturn(NativeStubs.le(0x2C0, 4));
        when(win.readProcessMemory(0x60L, 0x3000L + 0x29C, 4)).thenReturn(NativeStubs.le(PID, 4));
        assertInstanceOf(ProcessGroups.Membership.Root.class, narrow.of(PID));
    }
}
