// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fallback: one thread asks each watched source {@link ExitSource#hasExited()} on its
 * own schedule. A new watch is checked at once, then after the first interval, which grows
 * by a tenth each round up to the cap, so that a quick exit is noticed quickly and a long
 * wait costs little. Used on kernels without {@code pidfd_open}, and when forced with
 * {@code -Dlifecycle.unix.exitWatcher=poll}.
 */
final class PollingExitWatcher extends AbstractExitWatcher {

    /** The default first interval, in ms. */
    public static final long FIRST_MS = 10;
    /** The default cap, in ms. */
    public static final long MAX_MS = 100;
    /** The default first interval. */
    public static final Duration FIRST_INTERVAL = Duration.ofMillis(FIRST_MS);
    /** The default cap. */
    public static final Duration MAX_INTERVAL = Duration.ofMillis(MAX_MS);

    private final PollingSchedule schedule;
    /** Guarded by lock. */
    private final PollingSlots slots;

    /** A watcher with the default schedule (10 ms, growing to 100 ms). */
    public PollingExitWatcher() {
        this(new PollingSchedule(FIRST_INTERVAL, MAX_INTERVAL));
    }

    /**
     * @param schedule the check intervals
     */
    public PollingExitWatcher(PollingSchedule schedule) {
        super("lifecycle-exit-watcher-poll");
        this.schedule = schedule;
        this.slots = new PollingSlots(schedule);
    }

    /**
     * @param schedule the check intervals
     * @return the mechanism name for that schedule
     */
    public static String mechanism(PollingSchedule schedule) {
        return "polling (" + schedule.first().toMillis() + " ms, growing to " + schedule.max().toMillis() + " ms)";
    }

    @Override
    public String mechanism() {
        return mechanism(schedule);
    }

    @Override
    protected boolean register(ExitWatch watch) {
        slots.add(watch.id());
        lock.notifyAll();
        return true;
    }

    @Override
    protected void unregister(ExitWatch watch) {
        slots.remove(watch.id());
    }

    @Override
    protected void runLoop() {
        while (true) {
            List<ExitWatch> candidates = new ArrayList<>();
            synchronized (lock) {
                while (candidates.isEmpty()) {
                    if (closing()) {
                        return;
                    }
                    long now = System.nanoTime();
                    for (long id : slots.due(now)) {
                        ExitWatch watch = activeWatch(id);
                        if (watch != null) {
                            candidates.add(watch);
                        }
                    }
                    if (candidates.isEmpty()) {
                        waitOn(slots.nanosToNext(now));
                    }
                }
            }
            List<ExitWatch> exited = new ArrayList<>();
            for (ExitWatch watch : candidates) {
                synchronized (lock) {
                    if (slots.check(watch)) {
                        retire(watch);
                        exited.add(watch);
                    }
                }
            }
            noticed(exited);
        }
    }

    private void waitOn(long nanos) {
        if (nanos <= 0) {
            return; // due now; lock.wait(0) would wait for ever
        }
        try {
            if (nanos == Long.MAX_VALUE) {
                lock.wait();
            } else {
                long millis = nanos / 1_000_000;
                lock.wait(millis, (int) (nanos % 1_000_000));
            }
        } catch (InterruptedException e) {
            // Only close() should end this thread; an interrupt from elsewhere is ignored.
            Thread.interrupted();
        }
    }

    @Override
    protected void wake() {
        lock.notifyAll();
    }

    @Override
    protected void releaseResources() {
        slots.clear();
    }
}
