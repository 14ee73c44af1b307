// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifecycle.api.ProcessRole;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.exitwatch.WindowsExitWatcher;
import dev.lifecycle.windows.helper.BreakOutcome;
import dev.lifecycle.windows.interrupt.CtrlBreakHelper;
import dev.lifecycle.windows.interrupt.HelperOutcome;
import dev.lifecycle.windows.win32.SharedHandle;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32Calls;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * Kill, interrupt, liveness and close of a process pinned by a watch-only handle, with the
 * native layer mocked. Killing opens a second handle with {@code PROCESS_TERMINATE} ({@link
 * #KILLER}) for that call only.
 */
class WindowsProcessTargetTest {

    private static final long PID = 777;
    private static final long HANDLE = 0x2A0;
    private static final long KILLER = 0x2B0;
    private static final int KILL_ACCESS = Win32.PROCESS_TERMINATE | Win32.PROCESS_QUERY_LIMITED_INFORMATION;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WindowsNative win = mock(WindowsNative.class);
    private final CtrlBreakHelper helper = mock(CtrlBreakHelper.class);
    private final WindowsProcessTarget target = new WindowsProcessTarget(PID, Instant.parse("2025-01-01T00:00:00Z"),
            new SharedHandle(HANDLE, win::closeHandle), new Win32Calls(win, TargetFixtures.SELF),
            TargetFixtures.interrupt(win, helper), new WindowsExitWatcher(win));

    private void running() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
    }

    private void killerOpens() {
        when(win.openProcess(KILL_ACCESS, PID)).thenReturn(KILLER);
        when(win.getProcessId(KILLER)).thenReturn(PID);
    }

    @Test
    void killOpensATerminateHandleForThisCallTerminatesWithExitCodeOneAndClosesIt() {
        running();
        killerOpens();
        when(win.terminateProcess(KILLER, 1)).thenReturn(true);
        SignalResult result = target.kill();
        assertEquals(Status.DELIVERED, result.status());
        assertTrue(result.detail().contains("PID " + PID), result.detail());
        InOrder order = inOrder(win);
        order.verify(win).openProcess(KILL_ACCESS, PID);
        order.verify(win).terminateProcess(KILLER, 1);
        order.verify(win).closeHandle(KILLER);
        verify(win, never()).terminateProcess(HANDLE, 1);
        verify(win, never()).closeHandle(HANDLE);
    }

    @Test
    void anAgentWeMayWatchButNotTerminateIsNotPermittedAndStillWatched() {
        running();
        when(win.openProcess(KILL_ACCESS, PID)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        SignalResult result = target.kill();
        assertEquals(Status.NOT_PERMITTED, result.status());
        assertTrue(result.detail().contains("may be watched but not terminated"), result.detail());
        assertTrue(target.isAlive(), "the watch handle still answers");
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void killingAnExitedProcessIsAlreadyExitedAndOpensNothing() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_OBJECT_0);
        assertEquals(Status.ALREADY_EXITED, target.kill().status());
        verify(win, never()).openProcess(anyInt(), anyLong());
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void aProcessThatExitsDuringTheKillIsAlreadyExitedNotAnError() {
        // Running at the first look; TerminateProcess then meets an exited process (access denied);
        // the zero wait afterwards says it is signalled.
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT, Win32.WAIT_OBJECT_0);
        killerOpens();
        when(win.terminateProcess(KILLER, 1)).thenReturn(false);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        SignalResult result = target.kill();
        assertEquals(Status.ALREADY_EXITED, result.status(), result.detail());
        assertTrue(result.detail().contains("ERROR_ACCESS_DENIED"), result.detail());
        verify(win).closeHandle(KILLER);
    }

    @Test
    void accessDeniedByTerminateOnALiveProcessIsNotPermitted() {
        running();
        killerOpens();
        when(win.terminateProcess(KILLER, 1)).thenReturn(false);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        assertEquals(Status.NOT_PERMITTED, target.kill().status());
    }

    @Test
    void anotherTerminateErrorIsFailed() {
        running();
        killerOpens();
        when(win.terminateProcess(KILLER, 1)).thenReturn(false);
        when(win.getLastError()).thenReturn(Win32.ERROR_INVALID_HANDLE);
        SignalResult result = target.kill();
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.detail().contains("ERROR_INVALID_HANDLE"), result.detail());
    }

    @Test
    void killIsIdempotent() {
        // First kill succeeds; the process is still winding down when the second one comes
        // (denied, not yet signalled); then it has exited.
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT, Win32.WAIT_TIMEOUT,
                Win32.WAIT_TIMEOUT, Win32.WAIT_OBJECT_0);
        killerOpens();
        when(win.terminateProcess(KILLER, 1)).thenReturn(true, false);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        assertEquals(Status.DELIVERED, target.kill().status());
        assertEquals(Status.DELIVERED, target.kill().status());
        assertEquals(Status.ALREADY_EXITED, target.kill().status());
        verify(win, times(2)).closeHandle(KILLER);
    }

    @Test
    void liveIsAZeroWaitThatTimesOut() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT, Win32.WAIT_OBJECT_0);
        assertTrue(target.isAlive());
        assertFalse(target.isAlive());
    }

    @Test
    void aFailedWaitCountsAsAliveSoThatNothingIsCleanedUpOnAGuess() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_FAILED);
        assertTrue(target.isAlive());
    }

    @Test
    void closeClosesTheHandleOnceAndLaterCallsNeitherTouchItNorThrow() {
        running();
        target.close();
        target.close();
        verify(win, times(1)).closeHandle(HANDLE);
        SignalResult kill = target.kill();
        assertEquals(Status.FAILED, kill.status());
        assertTrue(kill.detail().contains("closed"), kill.detail());
        assertEquals(Status.FAILED, target.interrupt(TIMEOUT).status());
        assertTrue(target.isAlive(), "running when it was closed, and nothing proves it exited since");
        assertTrue(target.onExit().isCompletedExceptionally());
        verify(win, never()).terminateProcess(anyLong(), anyInt());
        verify(helper, never()).sendCtrlBreak(anyLong(), any());
        verify(win, times(1)).closeHandle(anyLong());
    }

    @Test
    void aTargetClosedAfterItsProcessExitedSaysNotAliveWithoutThrowing() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_OBJECT_0);
        target.close();
        assertFalse(target.isAlive());
    }

    @Test
    void theHandleIsClosedAfterAKillOnlyWhenTheTargetIsClosed() {
        running();
        killerOpens();
        when(win.terminateProcess(KILLER, 1)).thenReturn(true);
        target.kill();
        verify(win, never()).closeHandle(HANDLE);
        target.close();
        InOrder order = inOrder(win);
        order.verify(win).terminateProcess(KILLER, 1);
        order.verify(win).closeHandle(HANDLE);
    }

    @Test
    void interruptRunsTheHelperWhileTheHandleIsHeld() {
        running();
        when(win.openProcess(Win32.PROCESS_VM_READ | Win32.PROCESS_QUERY_LIMITED_INFORMATION, PID)).thenReturn(0L);
        // Without its group readable the helper is not even asked: see GracefulInterruptTest for the root case.
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        SignalResult result = target.interrupt(new InterruptRequest("default", ProcessRole.HOST_AGENT, TIMEOUT));
        assertEquals(Status.NOT_PERMITTED, result.status(), result.detail());
        verify(helper, never()).sendCtrlBreak(anyLong(), any());
    }

    @Test
    void closingTheTargetWhileTheHelperRunsKeepsTheHandleOpenUntilItReturns() {
        running();
        when(win.openProcess(Win32.PROCESS_VM_READ | Win32.PROCESS_QUERY_LIMITED_INFORMATION, PID)).thenReturn(0x2C0L);
        when(win.getProcessId(0x2C0L)).thenReturn(PID);
        when(win.pebBaseAddress(0x2C0L)).thenReturn(0x1000L);
        when(win.readProcessMemory(0x2C0L, 0x1020L, 8)).thenReturn(new byte[] {0, 0x20, 0, 0, 0, 0, 0, 0});
        when(win.readProcessMemory(0x2C0L, 0x2004L, 4)).thenReturn(new byte[] {0x40, 0x04, 0, 0});
        when(win.readProcessMemory(0x2C0L, 0x2408L, 4)).thenReturn(new byte[] {0x09, 0x03, 0, 0}); // 777
        when(helper.sendCtrlBreak(PID, TIMEOUT)).thenAnswer(call -> {
            target.close();
            verify(win, never()).closeHandle(HANDLE);
            return HelperOutcome.replied(BreakOutcome.SENT, "sent", Duration.ofMillis(30));
        });
        assertEquals(Status.DELIVERED, target.interrupt(TIMEOUT).status());
        verify(win, times(1)).closeHandle(HANDLE);
    }

    @Test
    void onExitOfAnExitedProcessCompletesAtOnce() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_OBJECT_0);
        CompletableFuture<Instant> exit = target.onExit();
        assertTrue(exit.isDone());
        assertFalse(exit.isCompletedExceptionally());
        verify(win, never()).createEvent(anyBoolean(), anyBoolean());
        target.close();
        verify(win, times(1)).closeHandle(HANDLE);
    }
}
