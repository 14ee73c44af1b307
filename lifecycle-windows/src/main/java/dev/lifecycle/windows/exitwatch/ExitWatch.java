// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.exitwatch;

import dev.lifecycle.windows.win32.SharedHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One watched process handle and the futures waiting for its exit. A handle is watched
 * once however many futures wait for it, because {@code WaitForMultipleObjects} rejects an
 * array that holds the same handle twice.
 */
final class ExitWatch {

    private final long pid;
    private final SharedHandle handle;
    private final WaitGroup group;
    private final List<CompletableFuture<Instant>> subscribers = new ArrayList<>();
    private boolean retired;

    /**
     * @param pid the process, for messages
     * @param handle the process handle, borrowed by this watch until it is retired
     * @param group the wait thread that serves it
     */
    ExitWatch(long pid, SharedHandle handle, WaitGroup group) {
        this.pid = pid;
        this.handle = handle;
        this.group = group;
    }

    long pid() {
        return pid;
    }

    SharedHandle handle() {
        return handle;
    }

    WaitGroup group() {
        return group;
    }

    /** @return false if the watch is retired (a new one is needed) */
    synchronized boolean subscribe(CompletableFuture<Instant> future) {
        if (retired) {
            return false;
        }
        subscribers.add(future);
        return true;
    }

    /** @return true if no future waits any more, so the live watch can be retired */
    synchronized boolean unsubscribe(CompletableFuture<Instant> future) {
        subscribers.remove(future);
        return !retired && subscribers.isEmpty();
    }

    /**
     * Retires the watch if nobody waits on it.
     *
     * @return true if it was retired now
     */
    synchronized boolean retireIfIdle() {
        subscribers.removeIf(CompletableFuture::isDone);
        if (retired || !subscribers.isEmpty()) {
            return false;
        }
        retired = true;
        return true;
    }

    /**
     * Retires the watch and hands over the futures waiting on it, to be completed by the caller.
     *
     * @return the futures (empty if already retired)
     */
    synchronized List<CompletableFuture<Instant>> retire() {
        retired = true;
        List<CompletableFuture<Instant>> waiting = new ArrayList<>(subscribers);
        subscribers.clear();
        return waiting;
    }

    /**
     * Takes the futures away without retiring: the wait thread will retire the idle watch.
     *
     * @return the futures that were waiting
     */
    synchronized List<CompletableFuture<Instant>> takeSubscribers() {
        List<CompletableFuture<Instant>> waiting = new ArrayList<>(subscribers);
        subscribers.clear();
        return waiting;
    }
}
