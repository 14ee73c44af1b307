// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.unix.exit.ExitWatch;
import dev.lifecycle.unix.exit.ExitWatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A process whose identity was proven, held by a {@link ProcessPin}. Signals go through
 * the pin only.
 *
 * <p>{@link #onExit()} shares one registration with the exit watcher among all its
 * callers; each caller gets its own future, so cancelling one stops nothing but that
 * future, and the registration is dropped when no caller waits any more. The futures
 * complete on the exit watcher's own thread, with no hand-off: callers attach work only
 * with the {@code Async} continuations ({@code thenRunAsync}, ...), or other exits are
 * noticed late (the rule of {@link ProcessTarget#onExit()}).
 */
final class UnixProcessTarget implements ProcessTarget {

    private final ProcessPin pin;
    private final Instant start;
    private final Supplier<ExitWatcher> watchers;

    private final Object lock = new Object();
    /** Guarded by lock. */
    private boolean closed;
    /** Guarded by lock: the registration in progress, if any. */
    private Pending pending;
    /** Guarded by lock: when the exit was noticed, once it was. */
    private Instant exitNoticed;

    /** One registration and the callers waiting on it. */
    private static final class Pending {
        final ExitWatch watch;
        final List<CompletableFuture<Instant>> callers = new ArrayList<>();

        Pending(ExitWatch watch) {
            this.watch = watch;
        }
    }

    UnixProcessTarget(ProcessPin pin, Instant start, Supplier<ExitWatcher> watchers) {
        this.pin = pin;
        this.start = start;
        this.watchers = watchers;
    }

    @Override
    public long pid() {
        return pin.pid();
    }

    @Override
    public Optional<Instant> startInstant() {
        return Optional.of(start);
    }

    /**
     * Sends SIGINT. No helper process is involved on Unix, so the timeout is not needed.
     */
    @Override
    public SignalResult interrupt(Duration timeout) {
        return pin.signal(UnixSignal.SIGINT);
    }

    @Override
    public SignalResult kill() {
        return pin.signal(UnixSignal.SIGKILL);
    }

    @Override
    public boolean isAlive() {
        return !pin.hasExited();
    }

    @Override
    public CompletableFuture<Instant> onExit() {
        CompletableFuture<Instant> mine = new CompletableFuture<>();
        Pending registration;
        synchronized (lock) {
            if (exitNoticed != null) {
                return CompletableFuture.completedFuture(exitNoticed);
            }
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("PID " + pid()
                        + ": its target is closed; find the process again to watch it"));
            }
            boolean fresh = pending == null;
            if (fresh) {
                pending = new Pending(watchers.get().watch(pin));
            }
            registration = pending;
            registration.callers.add(mine);
            if (fresh) {
                // May run at once (and then here, holding the lock, which is reentrant).
                registration.watch.future().whenComplete((noticed, failure) -> ended(registration, noticed, failure));
            }
        }
        mine.whenComplete((noticed, failure) -> {
            if (mine.isCancelled()) {
                callerCancelled(registration, mine);
            }
        });
        return mine;
    }

    private void ended(Pending registration, Instant noticed, Throwable failure) {
        List<CompletableFuture<Instant>> callers;
        synchronized (lock) {
            if (noticed != null) {
                exitNoticed = noticed;
            }
            if (pending == registration) {
                pending = null;
            }
            callers = new ArrayList<>(registration.callers);
            registration.callers.clear();
        }
        for (CompletableFuture<Instant> caller : callers) {
            if (noticed != null) {
                caller.complete(noticed);
            } else {
                caller.completeExceptionally(failure);
            }
        }
    }

    private void callerCancelled(Pending registration, CompletableFuture<Instant> caller) {
        boolean stop;
        synchronized (lock) {
            stop = registration.callers.remove(caller) && registration.callers.isEmpty() && pending == registration;
            if (stop) {
                pending = null;
            }
        }
        if (stop) {
            registration.watch.stop("PID " + pid() + ": exit watch cancelled by every caller");
        }
    }

    /** Stops the exit watch first (it uses the pidfd), then releases the pin. */
    @Override
    public void close() {
        Pending registration;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            registration = pending;
            pending = null;
        }
        if (registration != null) {
            registration.watch.stop("PID " + pid() + ": its target was closed before the exit was noticed");
        }
        pin.close();
    }

    @Override
    public String toString() {
        return "PID " + pid() + " (started " + start + ", signals by " + pin.signalMechanism() + ")";
    }
}
