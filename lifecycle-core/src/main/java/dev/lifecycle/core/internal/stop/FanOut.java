// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Maps a list on the calling thread and on the library's idle workers together, for reads
 * that are independent per item (one instance directory each). The caller takes items too
 * and only ever waits for items a worker has already started, so a call from a worker
 * thread, or while every worker is busy with a batch, cannot deadlock: it then simply does
 * all the work itself. No thread is added.
 */
public final class FanOut {

    /** Below this many items the hand-off costs more than it saves. */
    static final int MIN_ITEMS = 8;

    private FanOut() {
    }

    /**
     * Maps every item, in order, on the caller's thread and the library's workers.
     *
     * @param items the items
     * @param f the mapping; must be thread-safe
     * @param <T> the item type
     * @param <R> the result type
     * @return the results, in the items' order
     * @throws RuntimeException the first one {@code f} threw, once every started item ended;
     *     the items not yet started when it was thrown are not mapped
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        return map(items, f, StopThreads.shared().workers(), StopThreads.WORKERS);
    }

    /**
     * As {@link #map(List, Function)}, with the helpers given (for tests).
     *
     * @param items the items
     * @param f the mapping
     * @param helpers runs the helper tasks
     * @param maxHelpers how many helper tasks to offer
     * @param <T> the item type
     * @param <R> the result type
     * @return the results, in order
     */
    static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f, Executor helpers, int maxHelpers) {
        Objects.requireNonNull(f, "f");
        int n = items.size();
        if (n < MIN_ITEMS || maxHelpers < 1) {
            List<R> results = new ArrayList<>(n);
            for (T item : items) {
                results.add(f.apply(item));
            }
            return results;
        }
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable take = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                if (failure.get() != null) {
                    ended.countDown(); // the call fails anyway: what is left is not mapped
                    continue;
                }
                try {
                    results[i] = f.apply(items.get(i));
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    ended.countDown();
                }
            }
        };
        for (int h = 0; h < Math.min(maxHelpers, n - 1); h++) {
            try {
                helpers.execute(take);
            } catch (RejectedExecutionException e) {
                break; // the caller does the rest
            }
        }
        take.run();
        awaitUninterruptibly(ended); // only items a helper is running are left: they end without us
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
