// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.exitwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.windows.win32.FakeWindowsNative;
import dev.lifecycle.windows.win32.SharedHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The grouping and registration logic of the exit watcher, against a fake of the native layer. */
class WindowsExitWatcherTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2025-05-05T05:05:05Z");

    private final FakeWindowsNative win = new FakeWindowsNative();
    private final WindowsExitWatcher watcher = new WindowsExitWatcher(win, Thread::new, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void noRuleOfTheWin32CallsWasBroken() {
        watcher.close();
        assertEquals(List.of(), win.violations());
    }

    private SharedHandle open(long pid) {
        win.startProcess(pid);
        return new SharedHandle(win.openProcess(0, pid), win::closeHandle);
    }

    private static Instant await(CompletableFuture<Instant> f) throws Exception {
        return f.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static CancellationException ownCancellation(CompletableFuture<Instant> f) throws Exception {
        Throwable failure = f.handle((instant, t) -> t).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(failure instanceof CancellationException, String.valueOf(failure));
        return (CancellationException) failure;
    }

    @Test
    void anExitCompletesTheFutureWithTheInstantItWasNoticed() throws Exception {
        SharedHandle h = open(100);
        CompletableFuture<Instant> exit = watcher.watch(h, 100);
        assertTrue(win.awaitWaitedOn(h.value(), LIMIT));
        assertFalse(exit.isDone());
        win.exitProcess(100);
        assertEquals(NOW, await(exit));
        h.close();
        assertTrue(win.awaitClosed(h.value(), LIMIT));
    }

    @Test
    void exitFuturesCompleteOnTheWatchersOwnThread() throws Exception {
        SharedHandle h = open(101);
        CompletableFuture<String> completedOn = watcher.watch(h, 101).thenApply(at -> Thread.currentThread().getName());
        assertTrue(win.awaitWaitedOn(h.value(), LIMIT));
        win.exitProcess(101);
        assertEquals("lifecycle-windows-exit-watch-1", completedOn.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
        h.close();
    }

    @Test
    void aWaitThreadThatCannotStartFailsTheWatchAndLeaksNeitherItsWakeEventNorTheHandle() {
        WindowsExitWatcher starved = new WindowsExitWatcher(win, r -> {
            throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
        }, Clock.fixed(NOW, ZoneOffset.UTC));
        SharedHandle h = open(102);
        CompletableFuture<Instant> exit = starved.watch(h, 102);
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(exit));
        assertTrue(e.getCause().getMessage().contains("PID 102"), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains("unable to create native thread"), e.getCause().getMessage());
        assertEquals(1, win.eventsCreated(), "the wake event was made");
        assertEquals(1, win.openHandles(), "and closed again: only the process handle is open");
        assertEquals(0, starved.groupCount());
        h.close();
        assertEquals(0, win.openHandles(), "the watch gave the process handle back");
        starved.close();
    }

    @Test
    void manyProcessesAreSpreadOverThreadsOfAtMost63HandlesPlusTheWakeEvent() throws Exception {
        int count = 200;
        List<SharedHandle> handles = new ArrayList<>();
        List<CompletableFuture<Instant>> exits = new ArrayList<>();
        for (int pid = 1000; pid < 1000 + count; pid++) {
            SharedHandle h = open(pid);
            handles.add(h);
            exits.add(watcher.watch(h, pid));
        }
        // Every handle reaches a wait before any process exits.
        for (SharedHandle h : handles) {
            assertTrue(win.awaitWaitedOn(h.value(), LIMIT), "handle " + h.value() + " is never waited on");
        }
        assertEquals((count + 62) / 63, watcher.groupCount(), "one thread per 63 processes");
        assertEquals(64, win.largestWait(), "full groups wait on 63 processes and the wake event");
        for (int pid = 1000; pid < 1000 + count; pid++) {
            win.exitProcess(pid);
        }
        for (CompletableFuture<Instant> exit : exits) {
            assertEquals(NOW, await(exit));
        }
        assertTrue(win.largestWait() <= 64, "a wait exceeded 64 handles: " + win.largestWait());
        handles.forEach(SharedHandle::close);
        for (SharedHandle h : handles) {
            assertTrue(win.awaitClosed(h.value(), LIMIT));
        }
    }

    @Test
    void aFreedSlotIsReusedRatherThanStartingAnotherThread() throws Exception {
        List<SharedHandle> handles = new ArrayList<>();
        for (int pid = 10; pid < 10 + WindowsExitWatcher.HANDLES_PER_GROUP; pid++) {
            SharedHandle h = open(pid);
            handles.add(h);
            watcher.watch(h, pid);
        }
        win.exitProcess(10);
        handles.get(0).close();
        assertTrue(win.awaitClosed(handles.get(0).value(), LIMIT), "the exited process's handle is given back");
        SharedHandle another = open(500);
        watcher.watch(another, 500);
        assertTrue(win.awaitWaitedOn(another.value(), LIMIT));
        assertEquals(1, watcher.groupCount());
        handles.forEach(SharedHandle::close);
        another.close();
    }

    @Test
    void aProcessThatHasAlreadyExitedCompletesAtOnceWithoutAThread() {
        SharedHandle h = open(7);
        win.exitProcess(7);
        CompletableFuture<Instant> exit = watcher.watch(h, 7);
        assertTrue(exit.isDone(), "completes in watch() itself");
        assertEquals(NOW, exit.join());
        assertEquals(0, watcher.groupCount());
        assertEquals(0, win.eventsCreated());
        h.close();
        assertEquals(0, win.openHandles(), "the handle was given back and closed");
    }

    @Test
    void twoFuturesOnOneProcessShareOneHandleInTheWait() throws Exception {
        SharedHandle h = open(8);
        CompletableFuture<Instant> first = watcher.watch(h, 8);
        CompletableFuture<Instant> second = watcher.watch(h, 8);
        assertTrue(win.awaitWaitedOn(h.value(), LIMIT));
        win.exitProcess(8);
        assertEquals(NOW, await(first));
        assertEquals(NOW, await(second));
        h.close();
    }

    @Test
    void cancellingOneFutureStopsThatWatchOnly() throws Exception {
        SharedHandle h = open(9);
        CompletableFuture<Instant> cancelled = watcher.watch(h, 9);
        CompletableFuture<Instant> kept = watcher.watch(h, 9);
        assertTrue(win.awaitWaitedOn(h.value(), LIMIT));
        cancelled.cancel(false);
        win.exitProcess(9);
        assertEquals(NOW, await(kept));
        assertTrue(cancelled.isCancelled());
        h.close();
    }

    @Test
    void whenEveryFutureIsCancelledTheHandleLeavesTheWaitAndCanBeClosed() throws Exception {
        SharedHandle h = open(11);
        CompletableFuture<Instant> exit = watcher.watch(h, 11);
        assertTrue(win.awaitWaitedOn(h.value(), LIMIT));
        exit.cancel(false);
        h.close();
        // The wait thread drops the handle, then gives it back; only then is it closed.
        assertTrue(win.awaitClosed(h.value(), LIMIT));
        assertFalse(win.isWaitedOn(h.value()));
    }

    @Test
    void closingTheTargetEndsItsWatchesAndClosesTheHandleOnlyAfterTheWaitDroppedIt() throws Exception {
        SharedHandle h = open(12);
        CompletableFuture<Instant> exit = watcher.watch(h, 12);
        assertTrue(win.awaitWaitedOn(h.value(), LIMIT));
        h.close();
        watcher.release(h);
        // A caller of onExit() sees a CancellationException; its message is the future's own
        // exception's (JDK 23+ get() wraps that in a new one whose message is "get").
        assertThrows(CancellationException.class, () -> await(exit));
        CancellationException e = ownCancellation(exit);
        assertTrue(e.getMessage().contains("PID 12"), e.getMessage());
        assertTrue(win.awaitClosed(h.value(), LIMIT));
        // The after-each check asserts no CloseHandle happened while the handle was in a wait.
    }

    @Test
    void aClosedTargetCannotBeWatched() {
        SharedHandle h = open(13);
        h.close();
        CompletableFuture<Instant> exit = watcher.watch(h, 13);
        assertTrue(exit.isCompletedExceptionally());
        assertEquals(0, win.openHandles());
    }

    @Test
    void aHandleThatCannotBeWaitedOnFailsItsWatchOnly() throws Exception {
        SharedHandle bad = open(14);
        SharedHandle good = open(15);
        CompletableFuture<Instant> badExit = watcher.watch(bad, 14);
        CompletableFuture<Instant> goodExit = watcher.watch(good, 15);
        assertTrue(win.awaitWaitedOn(bad.value(), LIMIT));
        assertTrue(win.awaitWaitedOn(good.value(), LIMIT));
        win.breakHandle(bad.value());
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(badExit));
        assertTrue(e.getCause().getMessage().contains("PID 14"), e.getCause().getMessage());
        assertTrue(win.awaitWaitedOn(good.value(), LIMIT), "the other watch goes on");
        win.exitProcess(15);
        assertEquals(NOW, await(goodExit));
        bad.close();
        good.close();
    }

    @Test
    void closingTheWatcherCancelsPendingWatchesAndClosesItsEvents() throws Exception {
        SharedHandle h = open(16);
        CompletableFuture<Instant> exit = watcher.watch(h, 16);
        assertTrue(win.awaitWaitedOn(h.value(), LIMIT));
        watcher.close();
        assertThrows(CancellationException.class, () -> await(exit));
        CancellationException e = ownCancellation(exit);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        h.close();
        assertTrue(win.awaitClosed(h.value(), LIMIT));
        assertTrue(watcher.watch(open(17), 17).isCompletedExceptionally(), "a closed watcher takes no watch");
    }
}
