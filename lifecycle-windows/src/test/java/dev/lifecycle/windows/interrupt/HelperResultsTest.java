// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.helper.BreakOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way the helper can end, mapped to the status the core acts on. */
class HelperResultsTest {

    private static final long PID = 9001;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static SignalResult exited(BreakOutcome outcome, String output) {
        return HelperResults.toSignalResult(PID, HelperOutcome.replied(outcome, output, Duration.ofMillis(420)), TIMEOUT);
    }

    @ParameterizedTest
    @CsvSource({"SENT,DELIVERED", "NO_CONSOLE,NO_CHANNEL", "NOT_A_GROUP,NO_CHANNEL", "GONE,ALREADY_EXITED",
            "ALREADY_ATTACHED,FAILED", "FAILED,FAILED", "UNSUPPORTED,FAILED", "USAGE,FAILED"})
    void eachHelperOutcomeHasItsStatusAndNamesThePid(BreakOutcome outcome, Status expected) {
        SignalResult result = exited(outcome, outcome + ": details");
        assertEquals(expected, result.status());
        assertTrue(result.detail().contains("PID " + PID), result.detail());
    }

    @Test
    void noConsoleSaysThereIsNoGracefulChannelAndTheForcedPathFollows() {
        SignalResult result = exited(BreakOutcome.NO_CONSOLE, "NO_CONSOLE: PID 9001 has no console");
        assertEquals(Status.NO_CHANNEL, result.status());
        assertTrue(result.detail().contains("has no console"), result.detail());
        assertTrue(result.detail().contains("forced path"), result.detail());
        assertTrue(result.detail().contains("TerminateProcess"), result.detail());
    }

    @Test
    void deliveredSaysHowItWasSent() {
        SignalResult result = exited(BreakOutcome.SENT, "SENT: ...");
        assertTrue(result.detail().contains("Ctrl+Break"), result.detail());
        assertTrue(result.detail().contains("helper"), result.detail());
        assertTrue(result.detail().contains("420 ms"), result.detail());
    }

    @Test
    void aFailureQuotesWhatTheHelperSaid() {
        SignalResult result = exited(BreakOutcome.FAILED, "FAILED: GenerateConsoleCtrlEvent: error 31");
        assertTrue(result.detail().contains("GenerateConsoleCtrlEvent: error 31"), result.detail());
    }

    @Test
    void notAProcessGroupIsNoChannelAndTheForcedPathFollows() {
        SignalResult result = exited(BreakOutcome.NOT_A_GROUP, "PID 9001 is not a process group");
        assertEquals(Status.NO_CHANNEL, result.status());
        assertTrue(result.detail().contains("ERROR_INVALID_PARAMETER"), result.detail());
        assertTrue(result.detail().contains("forced path"), result.detail());
    }

    @Test
    void aJvmThatCouldNotRunTheHelperIsFailedWithItsOutput() {
        SignalResult result = HelperResults.toSignalResult(PID, HelperOutcome.ended(
                "exit code 1: Error: Could not find or load main class x", Duration.ofMillis(80)), TIMEOUT);
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.detail().contains("exit code 1"), result.detail());
        assertTrue(result.detail().contains("Could not find or load main class"), result.detail());
    }

    @Test
    void aHelperKilledOnExpiryIsTimedOutAndSaysItsLimit() {
        SignalResult result = HelperResults.toSignalResult(PID, HelperOutcome.timedOut("", TIMEOUT), TIMEOUT);
        assertEquals(Status.TIMED_OUT, result.status());
        assertTrue(result.detail().contains("15000 ms"), result.detail());
        assertTrue(result.detail().contains("killed"), result.detail());
    }

    @Test
    void aHelperThatCouldNotStartIsFailedAndSaysWhy() {
        SignalResult result = HelperResults.toSignalResult(PID,
                HelperOutcome.failedToStart("cannot start java.exe: not found"), TIMEOUT);
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.detail().contains("cannot start java.exe"), result.detail());
    }

    @Test
    void longOutputIsCut() {
        SignalResult result = exited(BreakOutcome.FAILED, "x".repeat(5000));
        assertTrue(result.detail().length() < 1000, "detail of " + result.detail().length() + " characters");
    }
}
