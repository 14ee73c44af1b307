// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches any number of processes for their exit with one thread, which runs only while
 * something is watched. Polling is the fallback the contract allows when the OS offers
 * no exit event to a plain JVM, with an interval of at most 10 ms; a platform provider
 * uses the event instead (pidfd, kqueue, a handle wait).
 */
final class ExitPoller {

    private final Duration interval;
    private final Map<CompletableFuture<Instant>, BooleanSupplier> watches = new ConcurrentHashMap<>();
    private ScheduledExecutorService thread;

    /**
     * @param interval how often every watched process is checked
     */
    ExitPoller(Duration interval) {
        this.interval = interval;
    }

    /**
     * @param alive tells whether the process still runs
     * @return a future completed when {@code alive} first says false; cancelling it ends this watch
     */
    CompletableFuture<Instant> watch(BooleanSupplier alive) {
        CompletableFuture<Instant> exit = new CompletableFuture<>();
        if (!alive.getAsBoolean()) {
            exit.complete(Instant.now());
            return exit;
        }
        watches.put(exit, alive);
        exit.whenComplete((at, failure) -> watches.remove(exit));
        ensureRunning();
        return exit;
    }

    private synchronized void ensureRunning() {
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lifecycle-example-exit-poller");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        watches.forEach((exit, alive) -> {
            if (!alive.getAsBoolean()) {
                exit.complete(Instant.now());
            }
        });
        // A watch added after this check calls ensureRunning() after us, and starts a new thread.
        synchronized (this) {
            if (watches.isEmpty() && thread != null) {
                thread.shutdown();
                thread = null;
            }
        }
    }
}
