// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck.reference;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One thread polls every watched process; it runs only while something is watched. */
final class SharedExitPoller {

    private final Duration interval;
    private final Map<CompletableFuture<Instant>, BooleanSupplier> watches = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    SharedExitPoller(Duration interval) {
        this.interval = interval;
    }

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
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "reference-exit-poller");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        watches.forEach((exit, alive) -> {
            if (!alive.getAsBoolean()) {
                exit.complete(Instant.now());
            }
        });
        synchronized (this) {
            if (watches.isEmpty() && executor != null) {
                executor.shutdown();
                executor = null;
            }
        }
    }
}
