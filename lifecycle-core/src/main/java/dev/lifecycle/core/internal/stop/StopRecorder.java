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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Collects the steps of one instance's stop, logs each with the instance in the MDC
 * ({@value #MDC_KEY}) and the message, and publishes live events to the listener (the
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

    StopRecorder(Instance instance, StopListener listener) {
        this.instance = instance;
        this.listener = listener;
    }

    void add(StepResult step) {
        synchronized (steps) {
            steps.add(step);
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, instance.name())) {
            // A grace period that runs out is the normal way into the forced path, not a warning.
            boolean expected = step.status() == StepStatus.TIMED_OUT && Steps.AWAIT_GRACEFUL_EXIT.equals(step.step());
            String pid = step.pid().isPresent() ? " PID " + step.pid().getAsLong() : "";
            if (step.status().isProblem() && !expected) {
                LOG.warn("[{}] {} {}{}: {}", instance.name(), step.step(), step.status(), pid, step.message());
            } else {
                LOG.info("[{}] {} {}{}: {}", instance.name(), step.step(), step.status(), pid, step.message());
            }
        }
        StopEvent.Type type = switch (step.status()) {
            case SUCCEEDED, SKIPPED -> StopEvent.Type.STEP_COMPLETED;
            case REFUSED, TIMED_OUT, FAILED -> StopEvent.Type.STEP_FAILED;
        };
        event(type, step.step(), step.pid(), step.status() + ": " + step.message());
    }

    void addAll(List<StepResult> results) {
        results.forEach(this::add);
    }

    /** Publishes a live event; the listener is the batch's hand-off, so this never blocks or throws. */
    void event(StopEvent.Type type, String step, OptionalLong pid, String message) {
        listener.onEvent(new StopEvent(instance.name(), type, step, pid, Instant.now(), message));
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    StopReport finish(Outcome outcome) {
        StopReport report;
        synchronized (steps) {
            report = new StopReport(instance.name(), outcome, elapsed(), steps);
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, instance.name())) {
            LOG.info("[{}] stop finished: {} in {} ms", instance.name(), outcome, report.elapsed().toMillis());
        }
        event(StopEvent.Type.STOP_FINISHED, "stop", OptionalLong.empty(), outcome.name());
        listener.onFinished(report);
        return report;
    }
}
