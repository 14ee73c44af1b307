// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * macOS: one thread blocked in {@code kevent} over an {@code EVFILT_PROC}/{@code NOTE_EXIT}
 * filter per watched PID.
 *
 * <p>A kqueue holds one filter per (PID, filter), so watches of the same PID share it. A
 * filter names a PID, not a process; so after adding it the watcher asks the source
 * whether the process it pinned by start time has already exited (zombie, gone, or the PID
 * reused) — then the exit is reported at once. {@code ESRCH} on registration means the
 * same. Every reported exit is confirmed with the source before a watch completes, so a
 * PID reused between the event and its handling cannot complete a watch of the newcomer.
 */
final class KqueueExitWatcher extends AbstractExitWatcher {

    /** The mechanism name. */
    public static final String MECHANISM = "kqueue";

    private final KqueueChannel kqueue;
    /** Watches per PID with a filter registered; guarded by lock. */
    private final Map<Integer, Set<ExitWatch>> byPid = new HashMap<>();

    /**
     * @param kqueue the kqueue operations
     */
    public KqueueExitWatcher(KqueueChannel kqueue) {
        super("lifecycle-exit-watcher-kqueue");
        this.kqueue = kqueue;
    }

    @Override
    public String mechanism() {
        return MECHANISM;
    }

    @Override
    protected boolean register(ExitWatch watch) {
        int pid = Math.toIntExact(watch.source().pid());
        Set<ExitWatch> group = byPid.get(pid);
        if (group == null) {
            if (!kqueue.addExitFilter(pid)) {
                return false;
            }
            group = new LinkedHashSet<>();
            byPid.put(pid, group);
        }
        group.add(watch);
        // The filter is in place: an exit from now on is reported. One before is seen here.
        if (watch.source().hasExited()) {
            removeFromGroup(pid, watch);
            return false;
        }
        return true;
    }

    @Override
    protected void unregister(ExitWatch watch) {
        removeFromGroup(Math.toIntExact(watch.source().pid()), watch);
    }

    private void removeFromGroup(int pid, ExitWatch watch) {
        Set<ExitWatch> group = byPid.get(pid);
        if (group != null && group.remove(watch) && group.isEmpty()) {
            byPid.remove(pid);
            kqueue.deleteExitFilter(pid);
        }
    }

    @Override
    protected void runLoop() {
        while (true) {
            List<KqueueChannel.Event> events = kqueue.await();
            List<ExitWatch> exited = new ArrayList<>();
            boolean stop;
            synchronized (lock) {
                for (KqueueChannel.Event event : events) {
                    if (!event.wakeUp()) {
                        handleExit(event.pid(), exited);
                    }
                }
                stop = closing();
            }
            noticed(exited);
            if (stop) {
                return;
            }
        }
    }

    /** Holding the lock: the one-shot filter of this PID has fired and is gone. */
    private void handleExit(int pid, List<ExitWatch> exited) {
        Set<ExitWatch> group = byPid.remove(pid);
        if (group == null) {
            return;
        }
        Set<ExitWatch> survivors = new LinkedHashSet<>();
        for (ExitWatch watch : group) {
            if (watch.source().hasExited()) {
                if (forget(watch)) {
                    exited.add(watch);
                }
            } else {
                survivors.add(watch);
            }
        }
        if (survivors.isEmpty()) {
            return;
        }
        // Not their process (or a spurious event): watch on with a fresh filter.
        if (kqueue.addExitFilter(pid)) {
            byPid.put(pid, survivors);
        } else {
            for (ExitWatch watch : survivors) {
                if (forget(watch)) {
                    exited.add(watch);
                }
            }
        }
    }

    @Override
    protected void wake() {
        kqueue.wake();
    }

    @Override
    protected void releaseResources() {
        byPid.clear();
        kqueue.close();
    }
}
