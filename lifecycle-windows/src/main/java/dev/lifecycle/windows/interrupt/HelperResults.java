package dev.lifecycle.windows.interrupt;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.helper.BreakOutcome;
import java.time.Duration;
import java.util.Optional;

/** Turns how the Ctrl+Break helper ended into a {@link SignalResult} naming the PID. */
public final class HelperResults {

    /** Characters of helper output quoted in a message. */
    private static final int MAX_QUOTED = 400;

    private HelperResults() {
    }

    /**
     * @param pid the target
     * @param outcome how the helper ended
     * @param timeout the limit it had
     * @return the result for the interrupt
     */
    public static SignalResult toSignalResult(long pid, HelperOutcome outcome, Duration timeout) {
        String took = " (helper took " + outcome.elapsed().toMillis() + " ms)";
        if (outcome.ending() == HelperOutcome.Ending.FAILED_TO_START) {
            return new SignalResult(Status.FAILED, "PID " + pid + ": the Ctrl+Break helper could not be started: "
                    + outcome.failure());
        }
        if (outcome.ending() == HelperOutcome.Ending.TIMED_OUT) {
            return new SignalResult(Status.TIMED_OUT, "PID " + pid + ": the Ctrl+Break helper ran past its "
                    + timeout.toMillis() + " ms limit and was killed with its descendants; Ctrl+Break may not"
                    + " have been sent" + quote(outcome.output()));
        }
        Optional<BreakOutcome> code = BreakOutcome.ofExitCode(outcome.exitCode());
        if (code.isEmpty()) {
            return new SignalResult(Status.FAILED, "PID " + pid + ": the Ctrl+Break helper JVM exited with code "
                    + outcome.exitCode() + took + quote(outcome.output()));
        }
        return switch (code.get()) {
            case SENT -> new SignalResult(Status.DELIVERED, "Ctrl+Break sent to the process group of PID " + pid
                    + " by a helper process attached to its console" + took);
            case NO_CONSOLE -> new SignalResult(Status.NO_CHANNEL, "PID " + pid
                    + " has no console (AttachConsole: ERROR_INVALID_HANDLE), so Ctrl+Break cannot reach it;"
                    + " there is no graceful channel and the forced path (TerminateProcess) must follow" + took);
            case GONE -> new SignalResult(Status.ALREADY_EXITED, "PID " + pid
                    + " had already exited when the Ctrl+Break helper looked for it" + took);
            case DENIED -> new SignalResult(Status.NOT_PERMITTED, "PID " + pid
                    + ": access denied attaching to its console (another user or session?); run the host app"
                    + " as the user who started the instance" + took + quote(outcome.output()));
            case FAILED, UNSUPPORTED, USAGE -> new SignalResult(Status.FAILED, "PID " + pid
                    + ": the Ctrl+Break helper failed with " + code.get() + took + quote(outcome.output()));
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
