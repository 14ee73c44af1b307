// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.windows.helper.BreakOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one request to the Ctrl+Break helper ended.
 *
 * @param ending whether the helper replied, ran out of time, ended without a reply or never started
 * @param outcome its reply when {@link Ending#REPLIED}, otherwise empty
 * @param text the reply's message, or for the other endings what the helper printed, or why it could not start
 * @param elapsed how long the request took, the helper's start included
 */
public record HelperOutcome(Ending ending, Optional<BreakOutcome> outcome, String text, Duration elapsed) {

    /** How a request ended. */
    public enum Ending {
        /** The helper replied; see the outcome. */
        REPLIED,
        /** It ran past its time limit and was killed with its descendants. */
        TIMED_OUT,
        /** It exited without replying (a JVM that could not load the helper, a crash). */
        ENDED,
        /** It could not be started. */
        FAILED_TO_START
    }

    /** Validates that nothing is null and that only a reply has an outcome. */
    public HelperOutcome {
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(elapsed, "elapsed");
        if (outcome.isPresent() != (ending == Ending.REPLIED)) {
            throw new IllegalArgumentException("an outcome goes with a reply, and only with one: " + ending);
        }
    }

    /**
     * @param outcome what the helper did
     * @param message what it said
     * @param elapsed how long it took
     * @return the outcome of a request the helper answered
     */
    public static HelperOutcome replied(BreakOutcome outcome, String message, Duration elapsed) {
        return new HelperOutcome(Ending.REPLIED, Optional.of(outcome), message, elapsed);
    }

    /**
     * @param output what it printed before it was killed
     * @param elapsed how long it ran
     * @return the outcome of a request the helper did not answer in time
     */
    public static HelperOutcome timedOut(String output, Duration elapsed) {
        return new HelperOutcome(Ending.TIMED_OUT, Optional.empty(), output, elapsed);
    }

    /**
     * @param output what it printed, and how it exited
     * @param elapsed how long it ran
     * @return the outcome of a request the helper ended without answering
     */
    public static HelperOutcome ended(String output, Duration elapsed) {
        return new HelperOutcome(Ending.ENDED, Optional.empty(), output, elapsed);
    }

    /**
     * @param took how long it took in all
     * @return this outcome with that duration
     */
    public HelperOutcome withElapsed(Duration took) {
        return new HelperOutcome(ending, outcome, text, took);
    }

    /**
     * @param failure why it could not start
     * @return the outcome of a request whose helper never ran
     */
    public static HelperOutcome failedToStart(String failure) {
        return new HelperOutcome(Ending.FAILED_TO_START, Optional.empty(), failure, Duration.ZERO);
    }
}
