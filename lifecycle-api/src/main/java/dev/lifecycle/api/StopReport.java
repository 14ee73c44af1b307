// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The summary of stopping one instance. Failures are values here, not exceptions.
 *
 * @param instance the instance name
 * @param outcome the overall result
 * @param elapsed wall time from the start of the stop to this report
 * @param steps every step, in the order taken
 * @param limaVersion the Lima version that created the instance ({@link Instance#limaVersion()}),
 *     if known: which Lima wrote the files the stop acted on
 */
public record StopReport(String instance, Outcome outcome, Duration elapsed, List<StepResult> steps,
                         Optional<String> limaVersion) {

    /** Copies the steps; validates that nothing is null. */
    public StopReport {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(limaVersion, "limaVersion");
        steps = List.copyOf(steps);
    }

    /**
     * A report for an instance whose Lima version is not known.
     *
     * @param instance the instance name
     * @param outcome the overall result
     * @param elapsed wall time from the start of the stop to this report
     * @param steps every step, in the order taken
     */
    public StopReport(String instance, Outcome outcome, Duration elapsed, List<StepResult> steps) {
        this(instance, outcome, elapsed, steps, Optional.empty());
    }

    /**
     * The steps with a given name, in order.
     *
     * @param step a step name
     * @return matching steps, possibly none
     */
    public List<StepResult> steps(String step) {
        return steps.stream().filter(s -> s.step().equals(step)).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The messages of every step, in order, for people to read.
     *
     * @return one line per step
     */
    public List<String> messages() {
        return steps.stream().map(StepResult::message).collect(Collectors.toUnmodifiableList());
    }

    /**
     * A multi-line account of the stop for logs and terminals: the messages say what
     * happened, and each line adds the step, its status and duration, and the PID it
     * concerned, if one.
     *
     * @return the instance, outcome (and the Lima version, if known) and one line per step, e.g.
     *     {@code   kill-driver SUCCEEDED (3 ms) PID 4242: driver killed and confirmed gone}
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(instance).append(": ").append(outcome).append(" in ").append(elapsed.toMillis()).append(" ms");
        limaVersion.ifPresent(version -> sb.append(" (created by Lima ").append(version).append(')'));
        for (StepResult s : steps) {
            sb.append(System.lineSeparator()).append("  ").append(s.step()).append(' ').append(s.status())
                    .append(" (").append(s.duration().toMillis()).append(" ms) ");
            s.pid().ifPresent(pid -> sb.append("PID ").append(pid).append(": "));
            sb.append(s.message());
        }
        return sb.toString();
    }
}
