// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.exitwatch;

import dev.lifecycle.windows.win32.SharedHandle;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes futures when watched processes exit, for any number of processes, with one
 * daemon thread per {@value #HANDLES_PER_GROUP} watched handles ({@link WaitGroup}). Threads
 * are started on demand and kept. Thread-safe.
 *
 * <p>The rule is the one of every Lifecycle exit watcher (Unix's {@code ExitWatcher} too):
 * futures complete on the watcher's own thread, and callers attach work only with the
 * {@code Async} continuations of {@link CompletableFuture} (the core does), or the exits of
 * the other processes of that thread are noticed late.
 */
public final class WindowsExitWatcher implements AutoCloseable {

    /** Process handles per wait thread: the 64-handle limit of one wait, less the wake-up event. */
    public static final int HANDLES_PER_GROUP = Win32.MAXIMUM_WAIT_OBJECTS - 1;

    private static final Logger LOG = LoggerFactory.getLogger(WindowsExitWatcher.class);

    private final WindowsNative win;
    private final ThreadFactory threads;
    private final Clock clock;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private final List<WaitGroup> groups = new ArrayList<>();
    /** The live watch of each handle; guarded by lock. Keyed by identity: handle values are reused. */
    private final Map<SharedHandle, ExitWatch> watches = new IdentityHashMap<>();
    /** Guarded by lock. */
    private boolean closed;
    /** Guarded by lock. */
    private int groupsStarted;

    /**
     * @param win the native calls
     */
    public WindowsExitWatcher(WindowsNative win) {
        this(win, Thread::new, Clock.systemUTC());
    }

    /**
     * @param win the native calls
     * @param threads makes the wait threads (they are made daemons and named here)
     * @param clock gives the instant an exit was noticed
     */
    public WindowsExitWatcher(WindowsNative win, ThreadFactory threads, Clock clock) {
        this.win = win;
        this.threads = threads;
        this.clock = clock;
    }

    /**
     * Watches a process handle for exit. A process that has already exited completes the
     * future at once. Cancelling the future ends this watch only.
     *
     * @param handle the process handle (needs {@code SYNCHRONIZE}); borrowed while watched
     * @param pid the process, for messages
     * @return completed with the instant the exit was noticed; completed exceptionally with
     *     a {@link CancellationException} if the target is closed or this watcher closes first
     */
    public CompletableFuture<Instant> watch(SharedHandle handle, long pid) {
        CompletableFuture<Instant> future = new CompletableFuture<>();
        ExitWatch watch;
        boolean added;
        synchronized (lock) {
            if (closed) {
                future.completeExceptionally(new CancellationException(
                        "PID " + pid + ": the exit watcher is closed"));
                return future;
            }
            watch = watches.get(handle);
            if (watch != null && watch.subscribe(future)) {
                added = false;
            } else if (!handle.borrow()) {
                future.completeExceptionally(new CancellationException("PID " + pid
                        + ": the process target is closed; find the process again to watch it"));
                return future;
            } else if (win.waitForSingleObject(handle.value(), 0) == Win32.WAIT_OBJECT_0) {
                handle.giveBack();
                future.complete(clock.instant());
                return future;
            } else {
                WaitGroup group;
                try {
                    group = groupWithRoom();
                } catch (IllegalStateException e) {
                    handle.giveBack();
                    future.completeExceptionally(new IllegalStateException("PID " + pid + ": " + e.getMessage(), e));
                    return future;
                }
                watch = new ExitWatch(pid, handle, group);
                watch.subscribe(future);
                watches.put(handle, watch);
                group.assigned++;
                added = true;
            }
        }
        if (added && !watch.group().add(watch)) {
            // The group ended between choosing it and queueing: undo and report.
            synchronized (lock) {
                watch.retire();
                watches.remove(handle, watch);
                watch.group().assigned--;
            }
            handle.giveBack();
            future.completeExceptionally(new IllegalStateException("PID " + pid
                    + ": the exit watch thread ended; try again"));
            return future;
        }
        ExitWatch subscribed = watch;
        future.whenComplete((at, error) -> {
            // Only a future completed by its caller (cancelled) is still listed here.
            if (subscribed.unsubscribe(future)) {
                subscribed.group().wake();
            }
        });
        return future;
    }

    /**
     * Stops watching a handle whose target is being closed: its futures complete
     * exceptionally with a {@link CancellationException} and the wait thread drops the
     * handle, then gives it back (which closes it once the target has closed it).
     *
     * @param handle the target's handle
     */
    public void release(SharedHandle handle) {
        ExitWatch watch;
        synchronized (lock) {
            watch = watches.get(handle);
        }
        if (watch == null) {
            return;
        }
        List<CompletableFuture<Instant>> waiting = watch.takeSubscribers();
        CancellationException closed = new CancellationException("PID " + watch.pid()
                + ": the process target was closed before the process exited");
        waiting.forEach(f -> f.completeExceptionally(closed));
        watch.group().wake();
    }

    /** @return how many wait threads have been started (for diagnostics and tests) */
    public int groupCount() {
        synchronized (lock) {
            return groupsStarted;
        }
    }

    /** Stops every wait thread; pending futures complete with a {@link CancellationException}. */
    @Override
    public void close() {
        List<WaitGroup> toStop;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(groups);
        }
        toStop.forEach(WaitGroup::stop);
    }

    /** Guarded by lock. */
    private WaitGroup groupWithRoom() {
        for (WaitGroup g : groups) {
            if (!g.ended && !g.isStopping() && g.assigned < HANDLES_PER_GROUP) {
                return g;
            }
        }
        long wake = win.createEvent(false, false);
        if (wake == 0) {
            throw new IllegalStateException("cannot create the wake-up event of an exit watch thread ("
                    + Win32.errorName(win.getLastError()) + ")");
        }
        WaitGroup group = new WaitGroup(this, win, wake, "lifecycle-windows-exit-watch-" + (groupsStarted + 1));
        try {
            Thread thread = threads.newThread(group);
            thread.setName(group.name());
            thread.setDaemon(true);
            thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            // No thread will ever close the wake event: close it here (OutOfMemoryError is
            // what "unable to create native thread" looks like).
            win.closeHandle(wake);
            throw new IllegalStateException("cannot start an exit watch thread (" + e + ")", e);
        }
        groupsStarted++;
        groups.add(group);
        LOG.debug("Started {} (watches {} processes)", group.name(), watches.size() + 1);
        return group;
    }

    /** A watched process exited: complete its futures. Called by the group's thread. */
    void exited(WaitGroup group, ExitWatch watch) {
        Instant at = clock.instant();
        List<CompletableFuture<Instant>> waiting = retire(group, watch);
        watch.handle().giveBack();
        LOG.debug("PID {} exited (noticed by {})", watch.pid(), group.name());
        waiting.forEach(f -> f.complete(at));
    }

    /** A watched handle cannot be waited on: fail its futures. Called by the group's thread. */
    void failed(WaitGroup group, ExitWatch watch, String message) {
        List<CompletableFuture<Instant>> waiting = retire(group, watch);
        watch.handle().giveBack();
        LOG.warn("Exit watch of PID {} failed: {}", watch.pid(), message);
        IllegalStateException error = new IllegalStateException(message);
        waiting.forEach(f -> f.completeExceptionally(error));
    }

    /**
     * Retires the watches nobody waits on any more. Called by the group's thread.
     *
     * @return the retired watches, whose handles have been given back
     */
    List<ExitWatch> retireIdle(WaitGroup group, List<ExitWatch> active) {
        List<ExitWatch> idle = new ArrayList<>();
        synchronized (lock) {
            for (ExitWatch w : active) {
                if (w.retireIfIdle()) {
                    watches.remove(w.handle(), w);
                    group.assigned--;
                    idle.add(w);
                }
            }
        }
        idle.forEach(w -> w.handle().giveBack());
        return idle;
    }

    /** A group's thread ended: settle the watches it still had. Called by that thread. */
    void ended(WaitGroup group, List<ExitWatch> leftovers, Throwable failure) {
        synchronized (lock) {
            group.ended = true;
        }
        for (ExitWatch w : leftovers) {
            List<CompletableFuture<Instant>> waiting = retire(group, w);
            w.handle().giveBack();
            RuntimeException error = failure == null
                    ? new CancellationException("PID " + w.pid() + ": the exit watcher was closed")
                    : new IllegalStateException("PID " + w.pid() + ": exit watch thread " + group.name()
                            + " failed: " + failure, failure);
            waiting.forEach(f -> f.completeExceptionally(error));
        }
    }

    private List<CompletableFuture<Instant>> retire(WaitGroup group, ExitWatch watch) {
        synchronized (lock) {
            List<CompletableFuture<Instant>> waiting = watch.retire();
            watches.remove(watch.handle(), watch);
            group.assigned--;
            return waiting;
        }
    }
}
