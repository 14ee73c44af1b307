// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Collects the steps of one instance's stop, logs each at DEBUG and the outcome at INFO
 * with the instance in the MDC ({@value #MDC_KEY}), and publishes live events to the listener (the
 * batch's bounded hand-off, which calls the host app's listener on its own thread).
 * Thread-safe: steps of one instance may be recorded from the worker pool, from the timer
 * that ends the grace period and from the thread that cancels a {@code stopAll} — never
 * from a provider's exit watcher (docs/architecture.md §6).
 */
final class StopRecorder {

    /** MDC key holding the instance name during every log line of a stop. */
    static final String MDC_KEY = "lifecycle.instance";

    private static final Logger LOG = LoggerFactory.getLogger(StopRecorder.class);

    private final Instance instance;
    private final StopListener listener;
    private final long startNanos = System.nanoTime();
    private final List<StepResult> steps = new ArrayList<>();
    /** Guarded by {@code steps}; set by {@link #finish}. */
    private Outcome outcome;
    /** Guarded by {@code steps}; set by {@link #publish}. */
    private StopReport published;
    /** The PIDs whose exit was published. */
    private final Set<Long> exitsReported = ConcurrentHashMap.newKeySet();

    StopRecorder(Instance instance, StopListener listener) {
        this.instance = instance;
        this.listener = listener;
    }

    void add(StepResult step) {
        synchronized (steps) {
            steps.add(step);
        }
        // Steps at DEBUG, the outcome at INFO: a host app logging at INFO sees one line per stop
        // (and its listener, if any, is the place for live progress); every step is in the report.
        if (LOG.isDebugEnabled()) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, instance.name())) {
                LOG.debug("[{}] {}", instance.name(), line(step));
            }
        }
        StopEvent.Type type = switch (step.status()) {
            case SUCCEEDED, SKIPPED -> StopEvent.Type.STEP_COMPLETED;
            case REFUSED, TIMED_OUT, FAILED -> StopEvent.Type.STEP_FAILED;
            case CANCELLED -> StopEvent.Type.STOP_CANCELLED;
        };
        event(type, step.step(), step.pid(), step.status() + ": " + step.message());
    }

    /**
     * Records a step in the report without a live event or a log line of its own: for what is
     * said once elsewhere (a degraded provider is logged at WARN when it is selected).
     */
    void note(StepResult step) {
        synchronized (steps) {
            steps.add(step);
        }
    }

    void addAll(List<StepResult> results) {
        results.forEach(this::add);
    }

    /** Publishes a live event; the listener is the batch's hand-off, so this never blocks or throws. */
    void event(StopEvent.Type type, String step, OptionalLong pid, String message) {
        listener.onEvent(new StopEvent(instance.name(), type, step, pid, Instant.now(), message));
    }

    /**
     * Publishes {@code PROCESS_EXITED} for a PID, once per stop: the graceful wait and the
     * forced sequence may both see the same exit, and a listener counts each process once.
     */
    void processExited(String step, long pid, String message) {
        if (exitsReported.add(pid)) {
            event(StopEvent.Type.PROCESS_EXITED, step, OptionalLong.of(pid), message);
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String line(StepResult step) {
        String pid = step.pid().isPresent() ? " PID " + step.pid().getAsLong() : "";
        return step.step() + " " + step.status() + pid + ": " + step.message();
    }

    /** What made a stop fail, for its one INFO line; an expired grace period is not a problem. */
    private static String problems(StopReport report) {
        StringBuilder why = new StringBuilder();
        for (StepResult step : report.steps()) {
            boolean expected = step.status() == StepStatus.TIMED_OUT && Steps.AWAIT_GRACEFUL_EXIT.equals(step.step());
            if (step.status().isProblem() && !expected) {
                why.append(why.length() == 0 ? ": " : "; ").append(line(step));
            }
        }
        return why.toString();
    }

    /**
     * Settles the outcome of the instance's own stop. The report is final only once
     * {@link #publish()} ran: steps that concern the whole batch (network daemons) may still
     * be added in between.
     *
     * @return the report so far
     */
    StopReport finish(Outcome outcome) {
        synchronized (steps) {
            this.outcome = outcome;
            return new StopReport(instance.name(), outcome, elapsed(), steps);
        }
    }

    /**
     * Ends the stop: the final report, logged and announced once with {@code STOP_FINISHED}.
     * Later calls return the same report.
     *
     * @throws IllegalStateException if {@link #finish} has not run
     */
    StopReport publish() {
        StopReport report;
        synchronized (steps) {
            if (published != null) {
                return published;
            }
            if (outcome == null) {
                throw new IllegalStateException("publish before finish for instance " + instance.name());
            }
            report = new StopReport(instance.name(), outcome, elapsed(), steps, instance.limaVersion());
            published = report;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, instance.name())) {
            LOG.info("[{}] stop finished: {} in {} ms{}", instance.name(), report.outcome(),
                    report.elapsed().toMillis(), report.outcome() == Outcome.FAILED ? problems(report) : "");
        }
        event(StopEvent.Type.STOP_FINISHED, "stop", OptionalLong.empty(), report.outcome().name());
        listener.onFinished(report);
        return report;
    }
}
