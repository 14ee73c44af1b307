// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kqueue watcher's logic over a stand-in kqueue (the real one needs macOS). */
class KqueueExitWatcherTest {

    private static final long TIMEOUT_S = 10;

    private final FakeKqueue kqueue = new FakeKqueue();
    private final KqueueExitWatcher watcher = new KqueueExitWatcher(kqueue);

    @AfterEach
    void close() {
        watcher.close();
    }

    @Test
    void anExitEventCompletesTheWatch() throws Exception {
        FakeSource source = new FakeSource(42);
        ExitWatch watch = watcher.watch(source);
        assertEquals(List.of(42), kqueue.added);
        assertFalse(watch.future().isDone());

        source.exited.set(true);
        kqueue.events.add(List.of(KqueueChannel.Event.exit(42)));

        watch.future().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertEquals("kqueue", watcher.mechanism());
    }

    @Test
    void noSuchProcessOnRegistrationMeansItHadExited() {
        kqueue.gone.add(43);

        ExitWatch watch = watcher.watch(new FakeSource(43));

        assertTrue(watch.future().isDone() && !watch.future().isCompletedExceptionally());
        assertTrue(kqueue.added.isEmpty());
    }

    @Test
    void anExitBeforeTheFilterWasAddedIsReportedAtOnce() {
        FakeSource source = new FakeSource(44);
        source.exited.set(true);

        ExitWatch watch = watcher.watch(source);

        assertTrue(watch.future().isDone() && !watch.future().isCompletedExceptionally());
        assertEquals(List.of(44), kqueue.deleted, "the filter added for nothing is removed");
    }

    @Test
    void watchesOfOnePidShareOneFilter() {
        ExitWatch first = watcher.watch(new FakeSource(45));
        ExitWatch second = watcher.watch(new FakeSource(45));
        assertEquals(List.of(45), kqueue.added);

        first.stop("PID 45: first stopped");
        assertTrue(kqueue.deleted.isEmpty());
        second.future().cancel(false);

        assertEquals(List.of(45), kqueue.deleted);
        assertTrue(first.future().isCompletedExceptionally());
    }

    @Test
    void anEventForAPidNowNamingAnotherProcessDoesNotCompleteTheWatch() throws Exception {
        FakeSource source = new FakeSource(46);
        ExitWatch watch = watcher.watch(source);
        kqueue.adds = new CountDownLatch(1);

        kqueue.events.add(List.of(KqueueChannel.Event.exit(46)));

        assertTrue(kqueue.adds.await(TIMEOUT_S, TimeUnit.SECONDS), "the filter is added again");
        assertFalse(watch.future().isDone());
        source.exited.set(true);
        kqueue.events.add(List.of(KqueueChannel.Event.exit(46)));
        watch.future().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Test
    void closingWakesTheThreadFailsPendingWatchesAndReleasesTheKqueue() throws Exception {
        ExitWatch pending = watcher.watch(new FakeSource(47));

        watcher.close();

        assertThrows(CancellationException.class, () -> pending.future().get(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(kqueue.closed.await(TIMEOUT_S, TimeUnit.SECONDS));
    }
}
