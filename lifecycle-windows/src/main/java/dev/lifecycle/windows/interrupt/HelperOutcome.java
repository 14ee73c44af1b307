package dev.lifecycle.windows.interrupt;

import java.time.Duration;
import java.util.Objects;

/**
 * How a helper process ended.
 *
 * @param ending whether it exited, ran out of time or never started
 * @param exitCode its exit code when {@link Ending#EXITED}, otherwise -1
 * @param output what it wrote (stdout and stderr together, bounded), trimmed
 * @param elapsed how long it ran
 * @param failure why it could not start, empty otherwise
 */
public record HelperOutcome(Ending ending, int exitCode, String output, Duration elapsed, String failure) {

    /** How a helper process ended. */
    public enum Ending {
        /** It exited by itself; see the exit code. */
        EXITED,
        /** It ran past its time limit and was killed with its descendants. */
        TIMED_OUT,
        /** It could not be started. */
        FAILED_TO_START
    }

    /** Validates that nothing is null. */
    public HelperOutcome {
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(failure, "failure");
    }

    /**
     * @param exitCode the exit code
     * @param output what it wrote
     * @param elapsed how long it ran
     * @return an outcome for a helper that exited
     */
    public static HelperOutcome exited(int exitCode, String output, Duration elapsed) {
        return new HelperOutcome(Ending.EXITED, exitCode, output, elapsed, "");
    }

    /**
     * @param output what it wrote before it was killed
     * @param elapsed how long it ran
     * @return an outcome for a helper that was killed on expiry
     */
    public static HelperOutcome timedOut(String output, Duration elapsed) {
        return new HelperOutcome(Ending.TIMED_OUT, -1, output, elapsed, "");
    }

    /**
     * @param failure why it could not start
     * @return an outcome for a helper that never ran
     */
    public static HelperOutcome failedToStart(String failure) {
        return new HelperOutcome(Ending.FAILED_TO_START, -1, "", Duration.ZERO, failure);
    }
}
