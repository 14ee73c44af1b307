// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A process whose identity was proven, pinned where the OS allows it (a Linux pidfd, a
 * Windows process handle) until {@link #close()}. Every signal goes through the pin, so
 * the check and the signal cannot race with PID reuse. Thread-safe.
 */
public interface ProcessTarget extends AutoCloseable {

    /** @return the PID */
    long pid();

    /** @return the process start instant as the OS reports it, if known */
    Optional<Instant> startInstant();

    /**
     * Asks the process to shut down gracefully (SIGINT on Unix, Ctrl+Break or a named
     * event on Windows).
     *
     * @param timeout limit for any helper process or command the interrupt needs (the
     *     stop's command timeout); on expiry the helper is killed and the result is
     *     {@link SignalResult.Status#TIMED_OUT}
     * @return what happened; never throws for a process that has exited
     */
    SignalResult interrupt(java.time.Duration timeout);

    /**
     * Asks the process to shut down gracefully, knowing which instance it belongs to and its
     * role there; the core always calls this one. A provider whose channel depends on them
     * (Windows: an interrupt event the host app names per instance and role) overrides it;
     * the default ignores them.
     *
     * @param request the instance, the role and the time limit
     * @return what happened; never throws for a process that has exited
     */
    default SignalResult interrupt(InterruptRequest request) {
        return interrupt(request.timeout());
    }

    /**
     * Kills the process (SIGKILL, {@code TerminateProcess}). Idempotent. Killing is
     * asynchronous on some systems: wait on {@link #onExit()} to confirm.
     *
     * @return what happened; {@link SignalResult.Status#ALREADY_EXITED} if it was gone
     */
    SignalResult kill();

    /** @return true while the process has not exited (a zombie has exited) */
    boolean isAlive();

    /**
     * Completes when the process exits, by an event where the OS has one. Served by a
     * small fixed set of threads shared by all targets, never a thread per process.
     * Completes at once if the process has already exited. Cancelling the returned future
     * stops this watch only.
     *
     * <p>One rule for every provider: the future completes on the thread that noticed the
     * exit — the provider's exit-watcher thread — with no hand-off to another executor; and
     * callers attach work only with the {@code ...Async} continuations, on an executor of
     * their own (the core does), so that a slow continuation never delays the exits of other
     * processes.
     *
     * @return a future completed with the instant the exit was noticed
     */
    CompletableFuture<Instant> onExit();

    /** Releases the pin (closes the pidfd or handle). Idempotent; never throws. */
    @Override
    void close();
}
