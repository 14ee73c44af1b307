package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.helper.BreakOutcome;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Named event first, Ctrl+Break helper otherwise, with the native layer and the launcher mocked. */
class GracefulInterruptTest {

    private static final long PID = 3030;
    private static final long PROCESS = 0x300;
    private static final long EVENT = 0x400;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String EVENT_NAME = "Local\\lima-interrupt-3030";

    private final WindowsNative win = mock(WindowsNative.class);
    private final HelperLauncher launcher = mock(HelperLauncher.class);

    private GracefulInterrupt withEvent() {
        return new GracefulInterrupt(win, launcher, Optional.of(InterruptEventName.parse("Local\\lima-interrupt-%d")));
    }

    private GracefulInterrupt withoutEvent() {
        return new GracefulInterrupt(win, launcher, Optional.empty());
    }

    private void helperEnds(BreakOutcome outcome) {
        when(launcher.sendCtrlBreak(PID, TIMEOUT)).thenReturn(
                HelperOutcome.exited(outcome.exitCode(), outcome.name(), Duration.ofMillis(250)));
    }

    @Test
    void anExitedProcessIsNotInterruptedAtAll() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_OBJECT_0);
        assertEquals(Status.ALREADY_EXITED, withEvent().interrupt(PID, PROCESS, TIMEOUT).status());
        verify(launcher, never()).sendCtrlBreak(anyLong(), any());
        verify(win, never()).openEvent(anyInt(), anyString());
    }

    @Test
    void withoutAnEventPatternTheHelperSendsCtrlBreak() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        helperEnds(BreakOutcome.SENT);
        SignalResult result = withoutEvent().interrupt(PID, PROCESS, TIMEOUT);
        assertEquals(Status.DELIVERED, result.status());
        verify(win, never()).openEvent(anyInt(), anyString());
    }

    @Test
    void anExistingNamedEventIsSetClosedAndNoHelperRuns() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.openEvent(Win32.EVENT_MODIFY_STATE, EVENT_NAME)).thenReturn(EVENT);
        when(win.setEvent(EVENT)).thenReturn(true);
        SignalResult result = withEvent().interrupt(PID, PROCESS, TIMEOUT);
        assertEquals(Status.DELIVERED, result.status());
        assertTrue(result.detail().contains(EVENT_NAME), result.detail());
        verify(win).closeHandle(EVENT);
        verify(launcher, never()).sendCtrlBreak(anyLong(), any());
    }

    @Test
    void aMissingNamedEventFallsBackToTheHelperAndSaysSo() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.openEvent(Win32.EVENT_MODIFY_STATE, EVENT_NAME)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_FILE_NOT_FOUND);
        helperEnds(BreakOutcome.SENT);
        SignalResult result = withEvent().interrupt(PID, PROCESS, TIMEOUT);
        assertEquals(Status.DELIVERED, result.status());
        assertTrue(result.detail().contains(EVENT_NAME), result.detail());
        assertTrue(result.detail().contains("Ctrl+Break"), result.detail());
        verify(win, never()).closeHandle(anyLong());
    }

    @Test
    void aNamedEventThatCannotBeSetIsClosedAndTheHelperIsTried() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.openEvent(Win32.EVENT_MODIFY_STATE, EVENT_NAME)).thenReturn(EVENT);
        when(win.setEvent(EVENT)).thenReturn(false);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        helperEnds(BreakOutcome.SENT);
        assertEquals(Status.DELIVERED, withEvent().interrupt(PID, PROCESS, TIMEOUT).status());
        verify(win).closeHandle(EVENT);
        verify(launcher).sendCtrlBreak(PID, TIMEOUT);
    }

    @Test
    void aTargetWithoutAConsoleIsNoChannelAndTheMessageSaysTheForcedPathFollows() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        helperEnds(BreakOutcome.NO_CONSOLE);
        SignalResult result = withoutEvent().interrupt(PID, PROCESS, TIMEOUT);
        assertEquals(Status.NO_CHANNEL, result.status());
        assertTrue(result.detail().contains("forced path"), result.detail());
    }

    @Test
    void aHelperThatFailsBecauseTheProcessExitedMeanwhileIsAlreadyExited() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT, Win32.WAIT_OBJECT_0);
        helperEnds(BreakOutcome.FAILED);
        SignalResult result = withoutEvent().interrupt(PID, PROCESS, TIMEOUT);
        assertEquals(Status.ALREADY_EXITED, result.status());
        assertTrue(result.detail().contains("exited while"), result.detail());
    }

    @Test
    void aHelperOnAProcessThatStillRunsKeepsItsFailure() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        helperEnds(BreakOutcome.DENIED);
        assertEquals(Status.NOT_PERMITTED, withoutEvent().interrupt(PID, PROCESS, TIMEOUT).status());
    }

    @Test
    void aHelperPastItsLimitIsTimedOut() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(launcher.sendCtrlBreak(PID, TIMEOUT)).thenReturn(HelperOutcome.timedOut("", TIMEOUT));
        assertEquals(Status.TIMED_OUT, withoutEvent().interrupt(PID, PROCESS, TIMEOUT).status());
    }
}
