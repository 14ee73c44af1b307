// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping every watcher shares: ids, the set of active watches, one lazily started
 * daemon thread, stop and close. Subclasses supply the mechanism.
 *
 * <p>Locking: one monitor ({@link #lock}) guards the active set and every native
 * registration change, so that a watch's descriptor is only touched while the watch is
 * active, and an owner that called {@link #stop} may close the descriptor safely. Futures
 * are always completed outside the lock, because their dependents run in the completing
 * thread. Sources are only called while holding the lock; they must not call back into
 * the watcher.
 */
abstract class AbstractExitWatcher implements ExitWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractExitWatcher.class);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    /** Guards the active set, the thread and all registration state of subclasses. */
    protected final Object lock = new Object();

    private final String threadName;
    private final Map<Long, ExitWatch> active = new HashMap<>();
    private long nextId = 1;
    private boolean closed;
    private boolean released;
    private Thread thread;
    /**
     * The thread that last ended because nothing was watched; it may still be returning from
     * its run method. The next thread starts only once it is gone, so that two watcher threads
     * are never alive at once (the library promises a fixed number of threads).
     */
    private Thread ended;
    /** For tests: run by a thread that ended idle, as its last act. */
    private volatile Runnable lastActWhenIdle = () -> { };

    AbstractExitWatcher(String threadName) {
        this.threadName = threadName;
    }

    @Override
    public final ExitWatch watch(ExitSource source) {
        ExitWatch watch;
        boolean alreadyExited;
        synchronized (lock) {
            watch = new ExitWatch(nextId++, source, this);
            if (closed) {
                watch.fail(new IllegalStateException("PID " + source.pid() + ": cannot watch for its exit, the "
                        + mechanism() + " exit watcher is closed"));
                return watch;
            }
            try {
                startThread();
                active.put(watch.id(), watch);
                alreadyExited = !register(watch);
                if (alreadyExited) {
                    active.remove(watch.id());
                }
            } catch (RuntimeException e) {
                active.remove(watch.id());
                LOG.warn("PID {}: could not watch for its exit by {}: {}", source.pid(), mechanism(), e.toString());
                watch.fail(new IllegalStateException("PID " + source.pid() + ": could not watch for its exit by "
                        + mechanism() + ": " + e.getMessage(), e));
                return watch;
            }
        }
        if (alreadyExited) {
            LOG.debug("PID {}: had exited before its exit watch by {} was registered", source.pid(), mechanism());
            watch.complete(Instant.now());
            return watch;
        }
        ExitWatch registered = watch;
        watch.future().whenComplete((noticed, failure) -> {
            if (registered.future().isCancelled()) {
                stop(registered, "PID " + source.pid() + ": exit watch cancelled");
            }
        });
        return watch;
    }

    @Override
    public final void stop(ExitWatch watch, String reason) {
        synchronized (lock) {
            if (retire(watch) && active.isEmpty() && thread != null) {
                wake(); // nothing left to watch: a loop that ends when idle may end now
            }
        }
        watch.fail(new CancellationException(reason));
    }

    @Override
    public final void close() {
        List<ExitWatch> pending;
        Thread running;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            pending = new ArrayList<>(active.values());
            active.clear();
            running = thread;
            if (running == null) {
                release();
            } else {
                wake();
            }
        }
        failAll(pending, "the " + mechanism() + " exit watcher was closed");
        if (running != null && running != Thread.currentThread()) {
            try {
                // The loop only has to notice the wake-up; bounded so that close never hangs.
                running.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Registers an active watch with the mechanism. Called holding {@link #lock}.
     *
     * @param watch the watch
     * @return false if the process is already known to have exited (the watch then
     *     completes at once and is not registered)
     */
    protected abstract boolean register(ExitWatch watch);

    /**
     * Deregisters a watch that was registered. Called holding {@link #lock}; must not throw
     * for a process that has gone.
     *
     * @param watch the watch
     */
    protected abstract void unregister(ExitWatch watch);

    /**
     * The thread's loop; returns when woken for {@link #close()} ({@link #closing()} is
     * true), and may return when nothing is watched ({@link #idle()}): the thread then ends
     * and the next watch starts another.
     */
    protected abstract void runLoop();

    /** Makes {@link #runLoop()} return soon. Called holding {@link #lock}. */
    protected abstract void wake();

    /** Frees native resources, once, after the loop ended or if it never started. Called holding {@link #lock}. */
    protected abstract void releaseResources();

    /**
     * @return true once {@link #close()} was called; read holding {@link #lock}
     */
    protected final boolean closing() {
        return closed;
    }

    /**
     * Whether nothing is watched. A loop that waits in native code returns then: the JVM
     * waits up to 300 ms at exit for threads in native code to come back, so a watcher
     * thread left waiting in {@code epoll_wait} would hold up the exit of every JVM that
     * ever watched an exit. Read holding {@link #lock}.
     *
     * @return true if no watch is active
     */
    protected final boolean idle() {
        return active.isEmpty();
    }

    /**
     * @param id a watch id
     * @return the active watch with that id, or null; call holding {@link #lock}
     */
    protected final ExitWatch activeWatch(long id) {
        return active.get(id);
    }

    /**
     * Removes a watch from the active set and deregisters it. Call holding {@link #lock}.
     *
     * @param watch the watch
     * @return true if it was active
     */
    protected final boolean retire(ExitWatch watch) {
        if (active.remove(watch.id()) == null) {
            return false;
        }
        try {
            unregister(watch);
        } catch (RuntimeException e) {
            LOG.debug("PID {}: deregistering its exit watch from {} failed: {}", watch.source().pid(), mechanism(),
                    e.toString());
        }
        return true;
    }

    /**
     * Removes a watch from the active set without deregistering it (its registration is
     * already consumed). Call holding {@link #lock}.
     *
     * @param watch the watch
     * @return true if it was active
     */
    protected final boolean forget(ExitWatch watch) {
        return active.remove(watch.id()) != null;
    }

    /**
     * Completes watches whose processes exited. Call without holding {@link #lock}.
     *
     * @param exited watches already retired or forgotten
     */
    protected final void noticed(List<ExitWatch> exited) {
        if (exited.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (ExitWatch watch : exited) {
            LOG.debug("PID {}: exit noticed by {}", watch.source().pid(), mechanism());
            watch.complete(now);
        }
    }

    private void startThread() {
        if (thread != null) {
            return;
        }
        if (ended != null && ended != Thread.currentThread()) {
            // It holds no lock and does nothing more: joining it here takes microseconds.
            joinUninterruptibly(ended);
            ended = null;
        }
        thread = new Thread(this::runThread, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void runThread() {
        try {
            if (loopUntilClosedOrIdle()) {
                lastActWhenIdle.run();
                return; // ended idle; the next watch starts another thread
            }
        } catch (RuntimeException | Error e) {
            LOG.error("The {} exit watcher stopped on an error; exits of the processes it watched will not be "
                    + "noticed: {}", mechanism(), e.toString(), e);
        }
        List<ExitWatch> pending;
        synchronized (lock) {
            closed = true;
            pending = new ArrayList<>(active.values());
            active.clear();
            release();
        }
        failAll(pending, "the " + mechanism() + " exit watcher stopped");
    }

    /** @return true if the thread may end because nothing is watched; false once closed */
    private boolean loopUntilClosedOrIdle() {
        while (true) {
            runLoop();
            synchronized (lock) {
                if (closed) {
                    return false;
                }
                if (active.isEmpty()) {
                    ended = thread;
                    thread = null;
                    return true;
                }
                // A watch came in just as the loop returned: wait for it too.
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: holds a thread that ended idle in its last act. */
    final void lastActWhenIdle(Runnable act) {
        lastActWhenIdle = act;
    }

    /** For tests: the watcher's thread now, if one runs. */
    final Optional<Thread> currentThread() {
        synchronized (lock) {
            return Optional.ofNullable(thread);
        }
    }

    private void release() {
        if (!released) {
            released = true;
            releaseResources();
        }
    }

    private static void failAll(List<ExitWatch> watches, String why) {
        for (ExitWatch watch : watches) {
            watch.fail(new CancellationException("PID " + watch.source().pid() + ": " + why));
        }
    }
}
