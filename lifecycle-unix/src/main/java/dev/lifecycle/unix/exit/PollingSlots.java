// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each polled watch is next checked, on its {@link PollingSchedule}: the one piece of
 * bookkeeping of every watcher that asks {@link ExitSource#hasExited()} — the polling
 * watcher for all its watches, the epoll watcher for the processes it holds no pidfd for.
 * Not thread-safe: the owning watcher guards it with its lock, and checks a watch only while
 * holding that lock, so that a watch stopped meanwhile (its pin perhaps closed by its
 * owner) is never asked.
 */
final class PollingSlots {

    private static final Logger LOG = LoggerFactory.getLogger(PollingSlots.class);

    private final PollingSchedule schedule;
    /** Next check time (System.nanoTime) and current interval, by watch id. */
    private final Map<Long, long[]> slots = new HashMap<>();

    PollingSlots(PollingSchedule schedule) {
        this.schedule = schedule;
    }

    /** Polls a new watch: its first check is due at once. */
    void add(long id) {
        slots.put(id, new long[] {System.nanoTime(), schedule.first().toNanos()});
    }

    /** @return true if the watch was polled (and is no more) */
    boolean remove(long id) {
        return slots.remove(id) != null;
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    void clear() {
        slots.clear();
    }

    /** @return the ids of the watches whose check is due at {@code now} */
    List<Long> due(long now) {
        List<Long> due = new ArrayList<>();
        slots.forEach((id, slot) -> {
            if (slot[0] <= now) {
                due.add(id);
            }
        });
        return due;
    }

    /** @return nanoseconds from {@code now} to the next check (0 if one is due), or {@link Long#MAX_VALUE} if none is polled */
    long nanosToNext(long now) {
        long next = Long.MAX_VALUE;
        for (long[] slot : slots.values()) {
            next = Math.min(next, slot[0]);
        }
        return next == Long.MAX_VALUE ? next : Math.max(0, next - now);
    }

    /**
     * Checks one watch if it is still polled, and schedules its next check if its process
     * runs. Call holding the owner's lock.
     *
     * @param watch the watch
     * @return true if its process exited: the caller retires it
     */
    boolean check(ExitWatch watch) {
        long[] slot = slots.get(watch.id());
        if (slot == null) {
            return false; // stopped meanwhile
        }
        if (hasExited(watch)) {
            return true;
        }
        slot[1] = schedule.next(slot[1]);
        slot[0] = System.nanoTime() + slot[1];
        return false;
    }

    /** The authoritative check; a failure to tell counts as still running, and is asked again. */
    private static boolean hasExited(ExitWatch watch) {
        try {
            return watch.source().hasExited();
        } catch (RuntimeException e) {
            LOG.debug("PID {}: exit check failed, will retry: {}", watch.source().pid(), e.toString());
            return false;
        }
    }
}
