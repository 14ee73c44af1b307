// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

/**
 * Notices process exits for any number of processes with a small fixed number of threads
 * (one per watcher). Thread-safe.
 *
 * <p>Futures complete on the watcher's own thread, with no hand-off to another executor;
 * callers attach work only with the {@code Async} continuations of
 * {@link java.util.concurrent.CompletableFuture}, or the exits of other processes are
 * noticed late. This is the rule of {@link dev.lifecycle.spi.ProcessTarget#onExit()}
 * (docs/architecture.md §6).
 */
public interface ExitWatcher extends AutoCloseable {

    /** @return how exits are noticed, e.g. {@code pidfd+epoll}, {@code kqueue}, {@code polling (...)} */
    String mechanism();

    /**
     * Starts watching a process. A process that has already exited is noticed at once.
     * Cancelling the returned watch's future stops the watch.
     *
     * @param source the process
     * @return the registration; its future fails with an {@link IllegalStateException} if
     *     the process cannot be watched (watcher closed, native failure)
     */
    ExitWatch watch(ExitSource source);

    /**
     * Stops a watch. When this returns the watcher no longer uses the source (its pidfd may
     * be closed). The watch's future fails with a
     * {@link java.util.concurrent.CancellationException} unless it had completed. Idempotent.
     *
     * @param watch the registration
     * @param reason why, naming the PID
     */
    void stop(ExitWatch watch, String reason);

    /** Stops the thread; pending watches fail with a {@link java.util.concurrent.CancellationException}. */
    @Override
    void close();
}
