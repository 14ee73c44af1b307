// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.unix.jna.LinuxNative;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** A private epoll watcher over real pidfds, to test what the shared one never does: close. */
@EnabledIf("dev.lifecycle.unix.exit.EpollExitWatcherTest#pidfdAvailable")
class EpollExitWatcherTest {

    private LinuxNative linux;
    private EpollExitWatcher watcher;
    private Process child;
    private int pidfd;

    static boolean pidfdAvailable() {
        try {
            return HostOs.current() == HostOs.LINUX
                    && LinuxNative.load().pidfdUnsupportedReason().isEmpty();
        } catch (LinkageError e) {
            return false;
        }
    }

    @BeforeEach
    void start() throws Exception {
        linux = LinuxNative.load();
        watcher = new EpollExitWatcher(linux);
        child = new ProcessBuilder("sleep", "30").start();
        pidfd = linux.pidfdOpen(child.pid());
    }

    @AfterEach
    void stop() {
        watcher.close();
        child.destroyForcibly();
        linux.close(pidfd);
    }

    @Test
    void aReadablePidfdCompletesTheWatch() throws Exception {
        ExitWatch watch = watcher.watch(source());
        assertFalse(watch.future().isDone());

        child.destroyForcibly();

        watch.future().get(10, TimeUnit.SECONDS);
        assertEquals("pidfd+epoll", watcher.mechanism());
    }

    @Test
    void theThreadEndsWhenNothingIsWatchedAndTheNextWatchStartsAnother() throws Exception {
        ExitWatch first = watcher.watch(source());
        Thread running = watcher.currentThread().orElseThrow();
        child.destroyForcibly();
        first.future().get(10, TimeUnit.SECONDS);
        running.join(10_000);
        assertFalse(running.isAlive(), "a thread left waiting in epoll_wait would hold up the JVM's exit");
        assertTrue(watcher.currentThread().isEmpty());

        Process second = new ProcessBuilder("sleep", "30").start();
        int secondFd = linux.pidfdOpen(second.pid());
        try {
            ExitWatch watch = watcher.watch(source(second.pid(), secondFd));
            assertTrue(watcher.currentThread().isPresent());
            second.destroyForcibly();
            watch.future().get(10, TimeUnit.SECONDS);
        } finally {
            second.destroyForcibly();
            linux.close(secondFd);
        }
    }

    @Test
    void aNewThreadStartsOnlyOnceTheOneThatEndedIsGone() throws Exception {
        CountDownLatch ending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        watcher.lastActWhenIdle(() -> {
            ending.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExitWatch first = watcher.watch(source());
        Thread firstThread = watcher.currentThread().orElseThrow();
        first.future().cancel(false);
        assertTrue(ending.await(10, TimeUnit.SECONDS), "the thread ended idle and is held in its last act");

        CompletableFuture<ExitWatch> next = CompletableFuture.supplyAsync(() -> watcher.watch(source()));
        // While the ended thread is still alive, no second thread may start: the new watch waits.
        assertFalse(next.isDone() || awaitDone(next), "a second watcher thread started beside one still alive");
        watcher.lastActWhenIdle(() -> { });
        release.countDown();

        ExitWatch second = next.get(10, TimeUnit.SECONDS);
        assertFalse(firstThread.isAlive());
        assertTrue(watcher.currentThread().isPresent());
        second.future().cancel(false);
    }

    /** Bounded: true if the future completes within 300 ms. */
    private static boolean awaitDone(CompletableFuture<?> f) {
        try {
            f.get(300, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException | ExecutionException e) {
            return true;
        }
    }

    @Test
    void cancellingTheLastWatchEndsTheThread() throws Exception {
        ExitWatch watch = watcher.watch(source());
        Thread running = watcher.currentThread().orElseThrow();
        watch.future().cancel(false);
        running.join(10_000);
        assertFalse(running.isAlive());
        assertTrue(child.isAlive(), "only the watch ended");
    }

    @Test
    void closingFailsPendingWatchesAndRefusesNewOnes() {
        ExitWatch pending = watcher.watch(source());

        watcher.close();

        assertThrows(CancellationException.class, () -> pending.future().get(10, TimeUnit.SECONDS));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> watcher.watch(source()).future().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
    }

    @Test
    void aSourceWithoutPidfdIsPolledByTheSameThread() throws Exception {
        ExitWatch withPidfd = watcher.watch(source());
        Thread running = watcher.currentThread().orElseThrow();
        FakeSource polled = new FakeSource(child.pid() + 1_000_000);
        ExitWatch watch = watcher.watch(polled);

        // The thread waits in epoll_wait with a timeout now, and checks the source on each one.
        assertTrue(polled.threeChecks.await(10, TimeUnit.SECONDS), "the source is checked on the polling schedule");
        assertFalse(watch.future().isDone());
        polled.exited.set(true);

        watch.future().get(10, TimeUnit.SECONDS);
        assertFalse(withPidfd.future().isDone(), "the pidfd watch is not touched by the poll");
        assertEquals(running, watcher.currentThread().orElseThrow(), "one thread serves both");
        child.destroyForcibly();
        withPidfd.future().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPolledSourceAloneStartsAndEndsTheThread() throws Exception {
        FakeSource polled = new FakeSource(child.pid() + 1_000_000);
        ExitWatch watch = watcher.watch(polled);
        Thread running = watcher.currentThread().orElseThrow();

        polled.exited.set(true);
        watch.future().get(10, TimeUnit.SECONDS);

        running.join(10_000);
        assertFalse(running.isAlive(), "nothing left to watch: the thread ends");
    }

    @Test
    void aStoppedPolledSourceIsNoLongerChecked() throws Exception {
        FakeSource polled = new FakeSource(child.pid() + 1_000_000);
        ExitWatch watch = watcher.watch(polled);
        Thread running = watcher.currentThread().orElseThrow();
        assertTrue(polled.threeChecks.await(10, TimeUnit.SECONDS));

        watch.future().cancel(false);
        polled.stopped.set(true);
        running.join(10_000);

        assertFalse(running.isAlive());
        assertFalse(polled.checkedAfterStop.get(), "checked after its watch was stopped");
    }

    private ExitSource source() {
        return source(child.pid(), pidfd);
    }

    private ExitSource source(long pid, int fd) {
        return new ExitSource() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public OptionalInt pidfd() {
                return OptionalInt.of(fd);
            }

            @Override
            public boolean hasExited() {
                return linux.pollReadable(fd);
            }
        };
    }
}
