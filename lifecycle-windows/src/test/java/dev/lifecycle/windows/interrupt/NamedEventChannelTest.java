// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifecycle.windows.win32.HandleEntry;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import org.junit.jupiter.api.Test;

/** A named event is set only when the pinned process holds that very event; native layer mocked. */
class NamedEventChannelTest {

    private static final long PID = 3030;
    private static final String NAME = "Local\\myapp-interrupt-hostagent-default-3030";

    private final WindowsNative win = mock(WindowsNative.class);
    private final NativeStubs stubs = new NativeStubs(win);
    private final NamedEventChannel channel = new NamedEventChannel(stubs.calls());

    @Test
    void anEventTheProcessHoldsIsSetAndEveryHandleIsClosed() {
        stubs.eventExists(NAME);
        stubs.handlesOf(PID, 0x28, new HandleEntry(0x10, NativeStubs.FILE_TYPE),
                new HandleEntry(0x24, NativeStubs.EVENT_TYPE), new HandleEntry(0x28, NativeStubs.EVENT_TYPE));
        NamedEventChannel.Result result = channel.set(PID, NAME);
        assertTrue(result.delivered(), result.detail());
        assertTrue(result.detail().contains(NAME) && result.detail().contains("PID " + PID), result.detail());
        verify(win).setEvent(NativeStubs.EVENT);
        verify(win, never()).duplicateHandleFrom(NativeStubs.HANDLE_LISTER, 0x10); // not an event: not copied
        verify(win).closeHandle(0x9024L);
        verify(win).closeHandle(0x9028L);
        verify(win).closeHandle(NativeStubs.HANDLE_LISTER);
        verify(win).closeHandle(NativeStubs.EVENT);
    }

    @Test
    void anEventOfThatNameThatTheProcessDoesNotHoldIsNotSet() {
        stubs.eventExists(NAME);
        stubs.handlesOf(PID, -1, new HandleEntry(0x24, NativeStubs.EVENT_TYPE));
        NamedEventChannel.Result result = channel.set(PID, NAME);
        assertFalse(result.delivered());
        assertTrue(result.detail().contains("holds no handle to it"), result.detail());
        verify(win, never()).setEvent(anyLong());
        verify(win).closeHandle(NativeStubs.EVENT);
    }

    @Test
    void noSuchEventIsNotDeliveredAndSaysSo() {
        when(win.openEvent(Win32.EVENT_MODIFY_STATE, NAME)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_FILE_NOT_FOUND);
        NamedEventChannel.Result result = channel.set(PID, NAME);
        assertFalse(result.delivered());
        assertTrue(result.detail().contains("no interrupt event " + NAME), result.detail());
    }

    @Test
    void aProcessWhoseHandlesWeMayNotListIsNotSetBecauseNothingIsProven() {
        stubs.eventExists(NAME);
        when(win.openProcess(Win32.PROCESS_QUERY_INFORMATION | Win32.PROCESS_DUP_HANDLE
                | Win32.PROCESS_QUERY_LIMITED_INFORMATION, PID)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        NamedEventChannel.Result result = channel.set(PID, NAME);
        assertFalse(result.delivered());
        assertTrue(result.detail().contains("cannot be checked") && result.detail().contains("ERROR_ACCESS_DENIED"),
                result.detail());
        verify(win, never()).setEvent(anyLong());
    }

    @Test
    void withoutCompareObjectHandlesNothingIsProvenAndNothingIsSet() {
        stubs.eventExists(NAME);
        stubs.handlesOf(PID, -1, new HandleEntry(0x24, NativeStubs.EVENT_TYPE));
        when(win.getLastError()).thenReturn(Win32.ERROR_PROC_NOT_FOUND);
        NamedEventChannel.Result result = channel.set(PID, NAME);
        assertFalse(result.delivered());
        assertTrue(result.detail().contains("CompareObjectHandles"), result.detail());
        verify(win, never()).setEvent(anyLong());
        verify(win).closeHandle(0x9024L);
        verify(win).closeHandle(NativeStubs.HANDLE_LISTER);
    }

    @Test
    void aHandleThatCannotBeCopiedIsSkipped() {
        stubs.eventExists(NAME);
        stubs.handlesOf(PID, 0x28, new HandleEntry(0x24, NativeStubs.EVENT_TYPE),
                new HandleEntry(0x28, NativeStubs.EVENT_TYPE));
        when(win.duplicateHandleFrom(NativeStubs.HANDLE_LISTER, 0x24)).thenReturn(0L);
        assertTrue(channel.set(PID, NAME).delivered());
    }
}
