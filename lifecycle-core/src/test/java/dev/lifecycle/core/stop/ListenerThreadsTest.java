// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners that block hold at most the library's two delivery threads, never the stops,
 * and never make it start more threads: a third batch is delivered once a thread is free.
 */
class ListenerThreadsTest {

    @TempDir
    Path home;

    @Test
    void blockedListenersHoldAtMostTwoThreadsAndLaterBatchesAreDeliveredOnceOneIsFree() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoBlocked = new CountDownLatch(2);
        CountDownLatch thirdFinished = new CountDownLatch(1);
        StopListener listener = new StopListener() {
            @Override
            public void onEvent(StopEvent event) {
                if (event.type() == StopEvent.Type.STOP_STARTED && event.instance().startsWith("blocked")) {
                    twoBlocked.countDown();
                    await(release);
                }
            }

            @Override
            public void onFinished(StopReport report) {
                if (report.instance().equals("free")) {
                    thirdFinished.countDown();
                }
            }
        };
        InstanceStopper stopper = InstanceStoppers.builder().processControl(new JdkProcessControl())
                .extensions(List.of()).listener(listener).build();
        try (FakeInstance a = new FakeInstance(home, "blocked-a");
             FakeInstance b = new FakeInstance(home, "blocked-b");
             FakeInstance c = new FakeInstance(home, "free")) {
            StopReport first = stopper.stopAll(List.of(a.instance()), StopOptions.defaults()).get(30, TimeUnit.SECONDS).get(0);
            StopReport second = stopper.stopAll(List.of(b.instance()), StopOptions.defaults()).get(30, TimeUnit.SECONDS).get(0);
            assertTrue(twoBlocked.await(30, TimeUnit.SECONDS), "both listeners are called, each on its own thread");

            // The stops never wait for a listener: the third batch ends while both threads are held.
            StopReport third = stopper.stopAll(List.of(c.instance()), StopOptions.defaults()).get(30, TimeUnit.SECONDS).get(0);
            assertEquals(List.of(Outcome.ALREADY_STOPPED, Outcome.ALREADY_STOPPED, Outcome.ALREADY_STOPPED),
                    List.of(first.outcome(), second.outcome(), third.outcome()));
            assertTrue(eventThreads().size() <= 2, "listener threads: " + eventThreads());
            assertFalse(thirdFinished.await(200, TimeUnit.MILLISECONDS),
                    "with both threads held, the third batch waits for one (no third thread is started)");

            release.countDown();
            assertTrue(thirdFinished.await(30, TimeUnit.SECONDS), "delivered once a thread is free");
            assertTrue(eventThreads().size() <= 2, "listener threads: " + eventThreads());
        } finally {
            release.countDown();
        }
    }

    private static Set<String> eventThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("lifecycle-events-")).collect(Collectors.toSet());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
