package dev.lifecycle.windows.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.exitwatch.ExitWatcher;
import dev.lifecycle.windows.helper.BreakOutcome;
import dev.lifecycle.windows.interrupt.GracefulInterrupt;
import dev.lifecycle.windows.interrupt.HelperLauncher;
import dev.lifecycle.windows.interrupt.HelperOutcome;
import dev.lifecycle.windows.win32.SharedHandle;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Kill, interrupt, liveness and close of a handle-pinned process, with the native layer mocked. */
class WindowsProcessTargetTest {

    private static final long PID = 777;
    private static final long HANDLE = 0x2A0;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WindowsNative win = mock(WindowsNative.class);
    private final HelperLauncher launcher = mock(HelperLauncher.class);
    private final WindowsProcessTarget target = new WindowsProcessTarget(PID, Instant.parse("2025-01-01T00:00:00Z"),
            new SharedHandle(HANDLE, win::closeHandle), win, new GracefulInterrupt(win, launcher, Optional.empty()),
            new ExitWatcher(win));

    @Test
    void killTerminatesThroughThePinnedHandleWithExitCodeOne() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.terminateProcess(HANDLE, 1)).thenReturn(true);
        SignalResult result = target.kill();
        assertEquals(Status.DELIVERED, result.status());
        assertTrue(result.detail().contains("PID " + PID), result.detail());
        verify(win).terminateProcess(HANDLE, 1);
    }

    @Test
    void killingAnExitedProcessIsAlreadyExitedAndTerminatesNothing() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_OBJECT_0);
        assertEquals(Status.ALREADY_EXITED, target.kill().status());
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void aProcessThatExitsDuringTheKillIsAlreadyExitedNotAnError() {
        // Running at the first look; TerminateProcess then meets an exited process (access denied);
        // the zero wait afterwards says it is signalled.
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT, Win32.WAIT_OBJECT_0);
        when(win.terminateProcess(HANDLE, 1)).thenReturn(false);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        SignalResult result = target.kill();
        assertEquals(Status.ALREADY_EXITED, result.status(), result.detail());
        assertTrue(result.detail().contains("ERROR_ACCESS_DENIED"), result.detail());
    }

    @Test
    void accessDeniedOnALiveProcessIsNotPermitted() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.terminateProcess(HANDLE, 1)).thenReturn(false);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        assertEquals(Status.NOT_PERMITTED, target.kill().status());
    }

    @Test
    void anotherTerminateErrorIsFailed() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.terminateProcess(HANDLE, 1)).thenReturn(false);
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
        when(win.terminateProcess(HANDLE, 1)).thenReturn(true, false);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        assertEquals(Status.DELIVERED, target.kill().status());
        assertEquals(Status.DELIVERED, target.kill().status());
        assertEquals(Status.ALREADY_EXITED, target.kill().status());
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
    void closeClosesTheHandleOnceAndLaterCallsDoNotTouchIt() {
        target.close();
        target.close();
        verify(win, times(1)).closeHandle(HANDLE);
        SignalResult kill = target.kill();
        assertEquals(Status.FAILED, kill.status());
        assertTrue(kill.detail().contains("closed"), kill.detail());
        assertEquals(Status.FAILED, target.interrupt(TIMEOUT).status());
        assertThrows(IllegalStateException.class, target::isAlive);
        assertTrue(target.onExit().isCompletedExceptionally());
        verify(win, never()).terminateProcess(anyLong(), anyInt());
        verify(launcher, never()).sendCtrlBreak(anyLong(), any());
        verify(win, times(1)).closeHandle(anyLong());
    }

    @Test
    void theHandleIsClosedAfterAKillOnlyWhenTheTargetIsClosed() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.terminateProcess(HANDLE, 1)).thenReturn(true);
        target.kill();
        verify(win, never()).closeHandle(anyLong());
        target.close();
        InOrder order = inOrder(win);
        order.verify(win).terminateProcess(HANDLE, 1);
        order.verify(win).closeHandle(HANDLE);
    }

    @Test
    void interruptRunsTheHelperWhileTheHandleIsHeld() {
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(launcher.sendCtrlBreak(PID, TIMEOUT)).thenAnswer(call -> {
            // The target is closed by another thread while the helper runs: the handle must survive.
            target.close();
            verify(win, never()).closeHandle(anyLong());
            return HelperOutcome.exited(BreakOutcome.SENT.exitCode(), "SENT", Duration.ofMillis(300));
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
