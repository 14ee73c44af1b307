// SPDX-License-Identifier: Apache-2.0
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

import dev.lifecycle.api.ProcessRole;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.helper.BreakOutcome;
import dev.lifecycle.windows.win32.HandleEntry;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The host app's named event first, Ctrl+Break to a process-group root otherwise, with the
 * native layer and the helper mocked.
 */
class GracefulInterruptTest {

    private static final long PID = 3030;
    private static final long PROCESS = 0x300;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final InterruptRequest REQUEST = new InterruptRequest("default", ProcessRole.HOST_AGENT, TIMEOUT);
    private static final String EVENT_NAME = "Local\\app-interrupt-hostagent-default-3030";

    private final WindowsNative win = mock(WindowsNative.class);
    private final NativeStubs stubs = new NativeStubs(win);
    private final CtrlBreakHelper helper = mock(CtrlBreakHelper.class);

    private GracefulInterrupt interrupt(EventNaming naming) {
        return new GracefulInterrupt(win, naming, new NamedEventChannel(stubs.calls()),
                new ConsoleBreakChannel(new ProcessGroups(stubs.calls(), 8), helper));
    }

    private GracefulInterrupt withEvent() {
        return interrupt((r, pid) -> Optional.of("Local\\app-interrupt-" + r.role().id() + "-" + r.instance() + "-" + pid));
    }

    private void running() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT);
    }

    private void helperReplies(BreakOutcome outcome) {
        when(helper.sendCtrlBreak(PID, TIMEOUT)).thenReturn(HelperOutcome.replied(outcome, outcome.name(),
                Duration.ofMillis(25)));
    }

    @Test
    void anExitedProcessIsNotInterruptedAtAll() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_OBJECT_0);
        assertEquals(Status.ALREADY_EXITED, withEvent().interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT).status());
        verify(helper, never()).sendCtrlBreak(anyLong(), any());
        verify(win, never()).openEvent(anyInt(), anyString());
    }

    @Test
    void withoutAStrategyAGroupRootGetsCtrlBreakFromTheHelper() {
        running();
        stubs.group(PID, PID);
        helperReplies(BreakOutcome.SENT);
        SignalResult result = interrupt(EventNaming.NONE).interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT);
        assertEquals(Status.DELIVERED, result.status(), result.detail());
        assertTrue(result.detail().contains("whose root it is"), result.detail());
        verify(win, never()).openEvent(anyInt(), anyString());
    }

    @Test
    void aProcessThatIsNotAGroupRootGetsNoCtrlBreakAtAll() {
        running();
        stubs.group(PID, 1200);
        SignalResult result = interrupt(EventNaming.NONE).interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT);
        assertEquals(Status.NO_CHANNEL, result.status());
        assertTrue(result.detail().contains("group of PID 1200"), result.detail());
        verify(helper, never()).sendCtrlBreak(anyLong(), any());
    }

    @Test
    void aProcessWhoseGroupCannotBeReadGetsNoCtrlBreakEither() {
        running();
        stubs.group(PID, PID, 0x100);
        SignalResult result = interrupt(EventNaming.NONE).interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT);
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.detail().contains("cannot be told"), result.detail());
        verify(helper, never()).sendCtrlBreak(anyLong(), any());
    }

    @Test
    void theStrategysEventIsSetWhenTheProcessHoldsItAndNoHelperRuns() {
        running();
        stubs.eventExists(EVENT_NAME);
        stubs.handlesOf(PID, 0x24, new HandleEntry(0x24, NativeStubs.EVENT_TYPE));
        SignalResult result = withEvent().interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT);
        assertEquals(Status.DELIVERED, result.status(), result.detail());
        assertTrue(result.detail().contains(EVENT_NAME), result.detail());
        verify(helper, never()).sendCtrlBreak(anyLong(), any());
    }

    @Test
    void anEventHeldByAnotherProcessIsNotDeliveryAndCtrlBreakIsTriedAndSaysSo() {
        running();
        stubs.eventExists(EVENT_NAME);
        stubs.handlesOf(PID, -1, new HandleEntry(0x24, NativeStubs.EVENT_TYPE));
        stubs.group(PID, PID);
        helperReplies(BreakOutcome.SENT);
        SignalResult result = withEvent().interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT);
        assertEquals(Status.DELIVERED, result.status());
        assertTrue(result.detail().startsWith("interrupt event " + EVENT_NAME + " exists, but PID " + PID
                + " holds no handle to it"), result.detail());
        assertTrue(result.detail().contains("Ctrl+Break"), result.detail());
        verify(win, never()).setEvent(anyLong());
    }

    @Test
    void aMissingEventFallsBackToCtrlBreakWhichMayHaveNoChannel() {
        running();
        when(win.openEvent(Win32.EVENT_MODIFY_STATE, EVENT_NAME)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_FILE_NOT_FOUND);
        stubs.group(PID, PID);
        helperReplies(BreakOutcome.NO_CONSOLE);
        SignalResult result = withEvent().interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT);
        assertEquals(Status.NO_CHANNEL, result.status());
        assertTrue(result.detail().contains("no interrupt event " + EVENT_NAME), result.detail());
        assertTrue(result.detail().contains("forced path"), result.detail());
    }

    @Test
    void withoutTheInstanceAndRoleOnlyCtrlBreakIsTried() {
        running();
        stubs.group(PID, PID);
        helperReplies(BreakOutcome.SENT);
        assertEquals(Status.DELIVERED, withEvent().interrupt(PID, PROCESS, Optional.empty(), TIMEOUT).status());
        verify(win, never()).openEvent(anyInt(), anyString());
    }

    @Test
    void aStrategyThatThrowsLeavesCtrlBreakAndTheReasonInTheReport() {
        running();
        stubs.group(PID, PID);
        helperReplies(BreakOutcome.SENT);
        SignalResult result = interrupt((r, pid) -> {
            throw new IllegalArgumentException("no such instance in the host app");
        }).interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT);
        assertEquals(Status.DELIVERED, result.status());
        assertTrue(result.detail().contains("no such instance in the host app"), result.detail());
    }

    @Test
    void aHelperThatFailsBecauseTheProcessExitedMeanwhileIsAlreadyExited() {
        when(win.waitForSingleObject(PROCESS, 0)).thenReturn(Win32.WAIT_TIMEOUT, Win32.WAIT_OBJECT_0);
        stubs.group(PID, PID);
        helperReplies(BreakOutcome.FAILED);
        SignalResult result = interrupt(EventNaming.NONE).interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT);
        assertEquals(Status.ALREADY_EXITED, result.status());
        assertTrue(result.detail().contains("exited while"), result.detail());
    }

    @Test
    void aHelperPastItsLimitIsTimedOut() {
        running();
        stubs.group(PID, PID);
        when(helper.sendCtrlBreak(PID, TIMEOUT)).thenReturn(HelperOutcome.timedOut("", TIMEOUT));
        assertEquals(Status.TIMED_OUT, interrupt(EventNaming.NONE)
                .interrupt(PID, PROCESS, Optional.of(REQUEST), TIMEOUT).status());
    }
}
