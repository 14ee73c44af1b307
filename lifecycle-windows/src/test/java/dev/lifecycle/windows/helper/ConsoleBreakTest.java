// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The helper's console sequence and the outcome of each failure, with the console calls mocked. */
class ConsoleBreakTest {

    private static final int PID = 5150;
    private static final int CTRL_BREAK_EVENT = 1;

    private final ConsoleApi console = mock(ConsoleApi.class);
    private final ConsoleBreak consoleBreak = new ConsoleBreak(console);

    @Test
    void detachesAttachesProtectsItselfThenSendsCtrlBreakToTheTargetsGroupAndDetaches() {
        when(console.attachConsole(PID)).thenReturn(true);
        when(console.ignoreCtrlEvents()).thenReturn(true);
        when(console.generateConsoleCtrlEvent(CTRL_BREAK_EVENT, PID)).thenReturn(true);
        ConsoleBreak.Result result = consoleBreak.send(PID);
        assertEquals(BreakOutcome.SENT, result.outcome());
        assertTrue(result.message().contains("PID " + PID), result.message());
        InOrder order = inOrder(console);
        order.verify(console).freeConsole();
        order.verify(console).attachConsole(PID);
        order.verify(console).ignoreCtrlEvents();
        order.verify(console).generateConsoleCtrlEvent(CTRL_BREAK_EVENT, PID);
        order.verify(console).freeConsole();
    }

    @Test
    void aTargetWithoutAConsoleIsNoConsoleAndNothingIsSent() {
        when(console.attachConsole(PID)).thenReturn(false);
        when(console.getLastError()).thenReturn(6);
        ConsoleBreak.Result result = consoleBreak.send(PID);
        assertEquals(BreakOutcome.NO_CONSOLE, result.outcome());
        assertTrue(result.message().contains("ERROR_INVALID_HANDLE"), result.message());
        verify(console, never()).generateConsoleCtrlEvent(anyInt(), anyInt());
    }

    @Test
    void aTargetThatIsGoneIsGone() {
        when(console.attachConsole(PID)).thenReturn(false);
        when(console.getLastError()).thenReturn(87);
        assertEquals(BreakOutcome.GONE, consoleBreak.send(PID).outcome());
        verify(console, never()).generateConsoleCtrlEvent(anyInt(), anyInt());
    }

    @Test
    void accessDeniedFromAttachConsoleMeansStillAttachedNotAPermissionProblem() {
        when(console.attachConsole(PID)).thenReturn(false);
        when(console.getLastError()).thenReturn(5);
        ConsoleBreak.Result result = consoleBreak.send(PID);
        assertEquals(BreakOutcome.ALREADY_ATTACHED, result.outcome());
        assertTrue(result.message().contains("still attached"), result.message());
        verify(console, never()).generateConsoleCtrlEvent(anyInt(), anyInt());
    }

    @Test
    void anotherAttachErrorIsFailedAndNamesTheError() {
        when(console.attachConsole(PID)).thenReturn(false);
        when(console.getLastError()).thenReturn(31);
        ConsoleBreak.Result result = consoleBreak.send(PID);
        assertEquals(BreakOutcome.FAILED, result.outcome());
        assertTrue(result.message().contains("31"), result.message());
    }

    @Test
    void withoutItsOwnHandlerTheHelperSendsNothingAndDetaches() {
        when(console.attachConsole(PID)).thenReturn(true);
        when(console.ignoreCtrlEvents()).thenReturn(false);
        assertEquals(BreakOutcome.FAILED, consoleBreak.send(PID).outcome());
        verify(console, never()).generateConsoleCtrlEvent(anyInt(), anyInt());
        verify(console, times(2)).freeConsole();
    }

    @Test
    void invalidParameterFromGenerateMeansNotAProcessGroupAndTheHelperStillDetaches() {
        when(console.attachConsole(PID)).thenReturn(true);
        when(console.ignoreCtrlEvents()).thenReturn(true);
        when(console.generateConsoleCtrlEvent(CTRL_BREAK_EVENT, PID)).thenReturn(false);
        when(console.getLastError()).thenReturn(87);
        ConsoleBreak.Result result = consoleBreak.send(PID);
        assertEquals(BreakOutcome.NOT_A_GROUP, result.outcome());
        assertTrue(result.message().contains("GenerateConsoleCtrlEvent: ERROR_INVALID_PARAMETER"), result.message());
        verify(console, times(2)).freeConsole();
    }

    @Test
    void anotherGenerateErrorIsFailedAndNamesTheCall() {
        when(console.attachConsole(PID)).thenReturn(true);
        when(console.ignoreCtrlEvents()).thenReturn(true);
        when(console.generateConsoleCtrlEvent(CTRL_BREAK_EVENT, PID)).thenReturn(false);
        when(console.getLastError()).thenReturn(31);
        ConsoleBreak.Result result = consoleBreak.send(PID);
        assertEquals(BreakOutcome.FAILED, result.outcome());
        assertTrue(result.message().contains("GenerateConsoleCtrlEvent: error 31"), result.message());
    }
}
