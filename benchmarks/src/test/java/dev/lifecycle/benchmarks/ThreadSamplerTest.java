// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadSamplerTest {

    @Test
    void countsOnlyThreadsStartedAfterTheBaseline() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadSampler sampler = new ThreadSampler()) {
            sampler.takeBaseline();
            sampler.openWindow();
            Thread added = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "added-after-baseline");
            added.start();
            // closeWindow samples once more itself, while the thread is certainly alive
            ThreadSampler.Window w = sampler.closeWindow();
            release.countDown();
            added.join();
            assertTrue(w.namesAtPeak().contains("added-after-baseline"), w.toString());
            assertTrue(w.peakAdded() >= 1, w.toString());
            assertTrue(w.started() >= 1, w.toString());
        }
    }
}
