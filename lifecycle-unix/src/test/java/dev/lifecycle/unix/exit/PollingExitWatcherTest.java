// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingExitWatcherTest {

    private static final long TIMEOUT_S = 10;

    private final PollingExitWatcher watcher =
            new PollingExitWatcher(new PollingSchedule(Duration.ofMillis(1), Duration.ofMillis(5)));

    @AfterEach
    void close() {
        watcher.close();
    }

    @Test
    void completesOnceTheSourceHasExited() throws Exception {
        FakeSource source = new FakeSource(100);
        ExitWatch watch = watcher.watch(source);
        assertTrue(source.threeChecks.await(TIMEOUT_S, TimeUnit.SECONDS));
        assertFalse(watch.future().isDone());

        source.exited.set(true);

        Instant noticed = watch.future().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertFalse(noticed.isAfter(Instant.now()));
    }

    @Test
    void completesForASourceThatHadAlreadyExited() throws Exception {
        FakeSource source = new FakeSource(101);
        source.exited.set(true);

        watcher.watch(source).future().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Test
    void aStoppedWatchFailsAndIsNeverCheckedAgain() throws Exception {
        FakeSource stopped = new FakeSource(102);
        ExitWatch watch = watcher.watch(stopped);
        assertTrue(stopped.threeChecks.await(TIMEOUT_S, TimeUnit.SECONDS));

        watch.stop("PID 102: test stop");
        stopped.stopped.set(true);
        FakeSource witness = new FakeSource(103);
        watcher.watch(witness);
        assertTrue(witness.threeChecks.await(TIMEOUT_S, TimeUnit.SECONDS), "the loop went on");

        assertThrows(CancellationException.class, () -> watch.future().get());
        // The future's own exception: JDK 23+ get() wraps it in a new one whose message is "get".
        CancellationException e = assertInstanceOf(CancellationException.class,
                watch.future().handle((instant, failure) -> failure).get(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(e.getMessage().contains("test stop"), e.getMessage());
        assertFalse(stopped.checkedAfterStop.get());
    }

    @Test
    void cancellingTheFutureStopsTheWatch() throws Exception {
        FakeSource cancelled = new FakeSource(104);
        ExitWatch watch = watcher.watch(cancelled);
        assertTrue(cancelled.threeChecks.await(TIMEOUT_S, TimeUnit.SECONDS));

        watch.future().cancel(false);
        cancelled.stopped.set(true);
        FakeSource witness = new FakeSource(105);
        watcher.watch(witness);
        assertTrue(witness.threeChecks.await(TIMEOUT_S, TimeUnit.SECONDS));

        assertFalse(cancelled.checkedAfterStop.get());
    }

    @Test
    void closingFailsPendingWatchesAndRefusesNewOnes() {
        ExitWatch pending = watcher.watch(new FakeSource(106));

        watcher.close();

        assertThrows(CancellationException.class, () -> pending.future().get(TIMEOUT_S, TimeUnit.SECONDS));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> watcher.watch(new FakeSource(107)).future().get(TIMEOUT_S, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
    }
}
