// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.util.List;

/**
 * The few kqueue operations {@link KqueueExitWatcher} needs, kept behind an interface so
 * that the watcher's logic can be tested where there is no kqueue. {@link SystemKqueue} is
 * the real one. Calls other than {@link #await()} are made holding the watcher's lock.
 */
interface KqueueChannel {

    /**
     * Adds a one-shot {@code EVFILT_PROC}/{@code NOTE_EXIT} filter for a PID.
     *
     * @param pid the PID
     * @return false if there is no such process ({@code ESRCH}): it has exited
     * @throws dev.lifecycle.unix.jna.ErrnoException for any other failure
     */
    boolean addExitFilter(int pid);

    /**
     * Deletes the filter of a PID; a filter or process that is gone is not an error.
     *
     * @param pid the PID
     */
    void deleteExitFilter(int pid);

    /**
     * Blocks until events arrive.
     *
     * @return the events, at least one
     */
    List<Event> await();

    /** Makes a blocked {@link #await()} return a {@link Event#wake()} event. */
    void wake();

    /** Releases the kqueue. */
    void close();

    /**
     * One event from {@link #await()}.
     *
     * @param wakeUp true for the event {@link #wake()} triggers
     * @param pid the PID whose exit was reported, when not a wake-up
     */
    record Event(boolean wakeUp, int pid) {

        /**
         * @param pid the PID
         * @return the event of that process's exit
         */
        public static Event exit(int pid) {
            return new Event(false, pid);
        }

        /** @return the wake-up event */
        public static Event wake() {
            return new Event(true, 0);
        }
    }
}
