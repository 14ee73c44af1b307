// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one deadline of a {@code stopAll} batch. The grace period starts once every run of
 * the batch has sent its interrupts (or found nothing to interrupt), so that the time spent
 * reaching the agents — a Windows helper process, a slow identity check — is not taken out
 * of the agents' grace: {@code StopOptions.gracePeriod} is how long they have after the
 * interrupt.
 */
final class GraceClock {

    private final Duration gracePeriod;
    private final AtomicInteger pending;
    private final CompletableFuture<Long> deadline = new CompletableFuture<>();

    /**
     * @param runs how many runs will report {@link #interruptsSent()}
     * @param gracePeriod the grace period
     */
    GraceClock(int runs, Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
        this.pending = new AtomicInteger(runs);
        if (runs == 0) {
            start();
        }
    }

    /** A run has sent its interrupts, or needs none; the last one starts the clock. Once per run. */
    void interruptsSent() {
        if (pending.decrementAndGet() == 0) {
            start();
        }
    }

    /** @return completed with the {@link System#nanoTime()} at which the grace period ends */
    CompletableFuture<Long> deadlineNanos() {
        return deadline;
    }

    private void start() {
        deadline.complete(System.nanoTime() + gracePeriod.toNanos());
    }
}
