// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.testing;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link StopListener} that records every event and report it is given. Events arrive on
 * the library's delivery thread, possibly after the stop has returned, so a test asks
 * {@link #awaitReports(int)} before it looks at them. Shared through core's test jar.
 */
public final class RecordingListener implements StopListener {

    private final List<StopEvent> events = new ArrayList<>();
    private final List<StopReport> reports = new ArrayList<>();
    private final Consumer<StopEvent> onEach;

    /** Records only. */
    public RecordingListener() {
        this(e -> { });
    }

    /**
     * @param onEach also called for each event, after it is recorded
     */
    public RecordingListener(Consumer<StopEvent> onEach) {
        this.onEach = onEach;
    }

    @Override
    public void onEvent(StopEvent event) {
        synchronized (this) {
            events.add(event);
        }
        onEach.accept(event);
    }

    @Override
    public synchronized void onFinished(StopReport report) {
        reports.add(report);
        notifyAll();
    }

    /**
     * Waits until the reports of {@code count} stops have been delivered — every event of
     * those stops came before them.
     *
     * @param count how many stops
     * @return every event recorded so far
     * @throws AssertionError if they do not arrive within 10 s
     */
    public synchronized List<StopEvent> awaitReports(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reports.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(reports.size() + " of " + count + " reports delivered after 10 s; events: " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(events);
    }

    /** @return the events delivered so far */
    public synchronized List<StopEvent> events() {
        return List.copyOf(events);
    }

    /** @return the reports delivered so far */
    public synchronized List<StopReport> reports() {
        return List.copyOf(reports);
    }
}
