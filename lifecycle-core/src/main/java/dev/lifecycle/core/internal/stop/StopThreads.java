// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own threads, shared by every stopper in the JVM: a small fixed pool for
 * the blocking steps (kills, file work) and one timer for deadlines. Waiting for exits
 * uses no thread of ours: it is the provider's event watcher that completes the futures.
 * Threads are daemons, so a host app never has to close anything.
 */
final class StopThreads {

    /** Workers for blocking steps; a SIGKILL'd process is gone in milliseconds, so a few serve hundreds. */
    static final int WORKERS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final StopThreads SHARED = new StopThreads();

    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon("lifecycle-stop-"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("lifecycle-timer-"));
    /**
     * Delivery of listener events, one task per batch at a time. Not the worker pool: a
     * listener that blocks may hold its thread for as long as it likes without holding up a
     * stop. At most {@value #LISTENER_THREADS} threads, so that the library's threads stay few
     * at any batch size (an unbounded pool made a new thread whenever an event arrived just as
     * a delivery task was ending); a batch whose listener is slow holds one, and the next
     * batch is delivered on the other. Idle threads end after a minute.
     */
    private final ExecutorService listeners = boundedListeners();

    /** The most listener threads at once. */
    static final int LISTENER_THREADS = 2;

    private StopThreads() {
    }

    private static ExecutorService boundedListeners() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(LISTENER_THREADS, LISTENER_THREADS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), daemon("lifecycle-events-"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** @return the JVM-wide instance */
    static StopThreads shared() {
        return SHARED;
    }

    /** @return the worker pool for blocking steps */
    ExecutorService workers() {
        return workers;
    }

    /** @return the threads that call stop listeners */
    ExecutorService listeners() {
        return listeners;
    }

    /** @return the deadline timer */
    ScheduledExecutorService timer() {
        return timer;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
