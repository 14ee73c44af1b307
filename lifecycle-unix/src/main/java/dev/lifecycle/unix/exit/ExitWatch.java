// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * One registration with an {@link ExitWatcher}. Its future completes with the instant the
 * exit was noticed, on the watcher's thread; it fails with a {@link CancellationException}
 * when the watch is stopped (or the future cancelled) first.
 */
public final class ExitWatch {

    private final long id;
    private final ExitSource source;
    private final ExitWatcher watcher;
    private final CompletableFuture<Instant> future = new CompletableFuture<>();

    ExitWatch(long id, ExitSource source, ExitWatcher watcher) {
        this.id = id;
        this.source = source;
        this.watcher = watcher;
    }

    /** @return the watcher-unique id (the epoll user data) */
    public long id() {
        return id;
    }

    /** @return what is watched */
    public ExitSource source() {
        return source;
    }

    /**
     * Completes on the watcher's own thread: dependents attached without {@code Async} run
     * there, so callers attach work only with the {@code Async} continuations.
     *
     * @return the future of the exit instant
     */
    public CompletableFuture<Instant> future() {
        return future;
    }

    /**
     * Stops this watch; see {@link ExitWatcher#stop(ExitWatch, String)}.
     *
     * @param reason why, for the {@link CancellationException}
     */
    public void stop(String reason) {
        watcher.stop(this, reason);
    }

    void complete(Instant noticed) {
        future.complete(noticed);
    }

    void fail(Throwable failure) {
        future.completeExceptionally(failure);
    }
}
