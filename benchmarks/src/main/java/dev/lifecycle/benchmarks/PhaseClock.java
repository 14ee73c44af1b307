// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopReport;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StopListener} that keeps the latest instant of each event type, to tell where
 * a {@code stopAll} spent its time (when the last SIGINT and the last SIGKILL went out).
 * Events arrive on the library's delivery thread, possibly after {@code stopAll}
 * completed, and carry the instant they happened at, so {@link #awaitReports} comes first.
 */
final class PhaseClock implements StopListener {

    private final Map<StopEvent.Type, Instant> latest = new EnumMap<>(StopEvent.Type.class);
    private int reports;

    @Override
    public synchronized void onEvent(StopEvent event) {
        latest.merge(event.type(), event.at(), (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized void onFinished(StopReport report) {
        reports++;
        notifyAll();
    }

    synchronized void reset() {
        latest.clear();
        reports = 0;
    }

    /**
     * Waits until the reports of {@code count} stops were delivered, and with them every event before.
     *
     * @return whether they all arrived in time
     */
    synchronized boolean awaitReports(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reports < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    synchronized Optional<Instant> latest(StopEvent.Type type) {
        return Optional.ofNullable(latest.get(type));
    }
}
