// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(PollingExitWatcher.class);

    private final PollingSchedule schedule;
    /** Next check time (System.nanoTime) and current interval per active watch id; guarded by lock. */
    private final Map<Long, long[]> due = new HashMap<>();

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
        due.put(watch.id(), new long[] {System.nanoTime(), schedule.first().toNanos()});
        lock.notifyAll();
        return true;
    }

    @Override
    protected void unregister(ExitWatch watch) {
        due.remove(watch.id());
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
                    long wait = Long.MAX_VALUE;
                    for (Map.Entry<Long, long[]> e : due.entrySet()) {
                        long left = e.getValue()[0] - now;
                        ExitWatch watch = activeWatch(e.getKey());
                        if (left <= 0 && watch != null) {
                            candidates.add(watch);
                        } else {
                            wait = Math.min(wait, left);
                        }
                    }
                    if (candidates.isEmpty()) {
                        waitOn(wait);
                    }
                }
            }
            List<ExitWatch> exited = new ArrayList<>();
            for (ExitWatch watch : candidates) {
                synchronized (lock) {
                    long[] slot = due.get(watch.id());
                    if (slot == null) {
                        continue; // stopped meanwhile
                    }
                    if (exited(watch)) {
                        retire(watch);
                        exited.add(watch);
                    } else {
                        slot[1] = schedule.next(slot[1]);
                        slot[0] = System.nanoTime() + slot[1];
                    }
                }
            }
            noticed(exited);
        }
    }

    /**
     * The authoritative check of one watch; a failure to tell counts as still running.
     *
     * @param watch the watch
     * @return true once its process has exited
     */
    static boolean exited(ExitWatch watch) {
        try {
            return watch.source().hasExited();
        } catch (RuntimeException e) {
            LOG.debug("PID {}: exit check failed, will retry: {}", watch.source().pid(), e.toString());
            return false;
        }
    }

    private void waitOn(long nanos) {
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
        due.clear();
    }
}
