// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import java.time.Duration;

/** Turns how a request to the Ctrl+Break helper ended into a {@link SignalResult} naming the PID. */
public final class HelperResults {

    /** Characters of helper output quoted in a message. */
    private static final int MAX_QUOTED = 400;

    private HelperResults() {
    }

    /**
     * @param pid the target
     * @param outcome how the request ended
     * @param timeout the limit it had
     * @return the result for the interrupt
     */
    public static SignalResult toSignalResult(long pid, HelperOutcome outcome, Duration timeout) {
        String took = " (helper took " + outcome.elapsed().toMillis() + " ms)";
        return switch (outcome.ending()) {
            case FAILED_TO_START -> new SignalResult(Status.FAILED, "PID " + pid
                    + ": the Ctrl+Break helper could not be started: " + outcome.text());
            case TIMED_OUT -> new SignalResult(Status.TIMED_OUT, "PID " + pid + ": the Ctrl+Break helper ran past its "
                    + timeout.toMillis() + " ms limit and was killed with its descendants; Ctrl+Break may not"
                    + " have been sent" + quote(outcome.text()));
            case ENDED -> new SignalResult(Status.FAILED, "PID " + pid + ": the Ctrl+Break helper ended without"
                    + " a reply" + took + quote(outcome.text()));
            case REPLIED -> replied(pid, outcome, took);
        };
    }

    private static SignalResult replied(long pid, HelperOutcome outcome, String took) {
        return switch (outcome.outcome().orElseThrow()) {
            case SENT -> new SignalResult(Status.DELIVERED, "Ctrl+Break sent to the process group of PID " + pid
                    + ", whose root it is, by a helper process attached to its console" + took);
            case NO_CONSOLE -> new SignalResult(Status.NO_CHANNEL, "PID " + pid
                    + " has no console (AttachConsole: ERROR_INVALID_HANDLE), so Ctrl+Break cannot reach it;"
                    + " there is no graceful channel and the forced path (TerminateProcess) must follow" + took);
            case NOT_A_GROUP -> new SignalResult(Status.NO_CHANNEL, "PID " + pid + " is not a process group on its"
                    + " console (GenerateConsoleCtrlEvent: ERROR_INVALID_PARAMETER), so Ctrl+Break cannot reach it;"
                    + " the forced path (TerminateProcess) must follow" + took);
            case GONE -> new SignalResult(Status.ALREADY_EXITED, "PID " + pid
                    + " had already exited when the Ctrl+Break helper looked for it" + took);
            case ALREADY_ATTACHED, FAILED, UNSUPPORTED, USAGE -> new SignalResult(Status.FAILED, "PID " + pid
                    + ": the Ctrl+Break helper failed with " + outcome.outcome().get() + took + quote(outcome.text()));
        };
    }

    private static String quote(String output) {
        if (output.isBlank()) {
            return "";
        }
        String text = output.length() > MAX_QUOTED ? output.substring(0, MAX_QUOTED) + "..." : output;
        return "; helper said: " + text.replace(System.lineSeparator(), " | ").replace("\n", " | ");
    }
}
