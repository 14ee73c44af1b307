// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 500).boxed().collect(Collectors.toList());

    @Test
    void resultsKeepTheItemsOrderAndHelpersTakeAShare() throws Exception {
        ExecutorService helpers = Executors.newFixedThreadPool(2);
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch twoThreads = new CountDownLatch(2);
            List<Integer> out = FanOut.map(ITEMS, i -> {
                if (threads.add(Thread.currentThread().getName())) {
                    twoThreads.countDown();
                }
                await(twoThreads); // no thread can take every item alone: the others get a share
                return i * 2;
            }, helpers, 2);
            assertEquals(ITEMS.stream().map(i -> i * 2).collect(Collectors.toList()), out);
            assertTrue(threads.size() >= 2, "only " + threads + " took items");
        } finally {
            helpers.shutdownNow();
        }
    }

    @Test
    void aCallWhileEveryHelperIsBusyIsDoneByTheCallerAlone() throws Exception {
        ExecutorService helpers = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        try {
            helpers.execute(() -> await(release)); // the only helper is held: nothing queued behind it runs
            List<Integer> out = FanOut.map(ITEMS, i -> i + 1, helpers, 1);
            assertEquals(ITEMS.stream().map(i -> i + 1).collect(Collectors.toList()), out);
        } finally {
            release.countDown();
            helpers.shutdownNow();
        }
    }

    @Test
    void theFirstFailureIsThrownAfterEveryStartedItemEnded() {
        ExecutorService helpers = Executors.newFixedThreadPool(2);
        try {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> FanOut.map(ITEMS, i -> {
                if (i == 7) {
                    throw boom;
                }
                return i;
            }, helpers, 2));
            assertSame(boom, thrown);
        } finally {
            helpers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
