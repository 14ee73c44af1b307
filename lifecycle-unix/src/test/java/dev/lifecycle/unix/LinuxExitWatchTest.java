// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** onExit of the Linux provider with every exit watcher: pidfd+epoll, polling a pidfd, polling /proc. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxExitWatchTest extends RealProcessTest {

    private static final long TIMEOUT_MS = Spawner.TIMEOUT.toMillis();

    @ParameterizedTest
    @MethodSource(WATCHERS)
    void noticesTheExitOfANonChildProcess(LinuxProcessControl control) throws Exception {
        Path go = dir.resolve("go");
        // The subshell outlives sh and is reparented away from the JVM; it exits on its own once go exists.
        Process launcher = spawner.start("(while [ ! -e \"$0\" ]; do sleep 0.02; done) & echo $!", go.toString());
        long pid = spawner.readPid(launcher);
        Spawner.awaitExit(launcher);
        assertTrue(ProcessHandle.current().children().noneMatch(h -> h.pid() == pid), "not a child of the JVM");

        try (ProcessTarget target = find(control, pid)) {
            CompletableFuture<Instant> exit = target.onExit();
            assertFalse(exit.isDone());
            Files.createFile(go);

            Instant noticed = exit.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

            assertFalse(noticed.isAfter(Instant.now()));
            assertFalse(target.isAlive());
        }
    }

    @ParameterizedTest
    @MethodSource(WATCHERS)
    void noticesTheExitsOfAHundredProcessesWithAtMostTwoThreads(LinuxProcessControl control) throws Exception {
        Process launcher = spawner.start("i=0; while [ $i -lt 100 ]; do sleep 30 & echo $!; i=$((i+1)); done");
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pids.add(spawner.readPid(launcher));
        }
        List<ProcessTarget> targets = new ArrayList<>();
        List<CompletableFuture<Instant>> exits = new ArrayList<>();
        try {
            for (long pid : pids) {
                ProcessTarget target = find(control, pid);
                targets.add(target);
                exits.add(target.onExit());
            }
            assertTrue(exits.stream().noneMatch(CompletableFuture::isDone));
            // Counted while all hundred are watched: an event watcher's thread ends once nothing is.
            long watcherThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("lifecycle-exit-watcher")).count();
            assertTrue(watcherThreads >= 1 && watcherThreads <= 2, watcherThreads + " watcher threads");
            // Killed from outside, in one go: the watcher must notice exits it did not cause.
            List<String> kill = new ArrayList<>(List.of("sh", "-c", "kill -KILL \"$@\"", "sh"));
            pids.forEach(pid -> kill.add(Long.toString(pid)));
            assertEquals(0, new ProcessBuilder(kill).start().waitFor());

            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } finally {
            targets.forEach(ProcessTarget::close);
        }
    }

    @ParameterizedTest
    @MethodSource(WATCHERS)
    void noticesAtOnceAProcessThatExitedBeforeTheWatchBegan(LinuxProcessControl control) throws Exception {
        Process reaped = spawner.sleeper();
        Process parent = spawner.start("sleep 30 & echo $!; exec sleep 30");
        long zombie = spawner.readPidOfUnreapedChild(parent);

        try (ProcessTarget reapedTarget = find(control, reaped.pid());
             ProcessTarget zombieTarget = find(control, zombie)) {
            assertEquals(SignalResult.Status.DELIVERED, reapedTarget.kill().status());
            assertEquals(SignalResult.Status.DELIVERED, zombieTarget.kill().status());
            Spawner.awaitExit(reaped);
            Spawner.awaitState(zombie, 'Z');

            reapedTarget.onExit().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            zombieTarget.onExit().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            // Once noticed, every later call is complete at once.
            assertTrue(reapedTarget.onExit().isDone());
        }
    }

    @ParameterizedTest
    @MethodSource(WATCHERS)
    void cancellingOneCallerLeavesTheOthersWaiting(LinuxProcessControl control) throws Exception {
        Process p = spawner.sleeper();

        try (ProcessTarget target = find(control, p.pid())) {
            CompletableFuture<Instant> cancelled = target.onExit();
            CompletableFuture<Instant> kept = target.onExit();
            assertTrue(cancelled.cancel(false));
            CompletableFuture<Instant> alone = target.onExit();
            alone.cancel(false);
            CompletableFuture<Instant> later = target.onExit();

            assertEquals(SignalResult.Status.DELIVERED, target.kill().status());

            kept.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            later.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertTrue(cancelled.isCancelled());
        }
    }

    @ParameterizedTest
    @MethodSource(WATCHERS)
    void closingAWatchedTargetCancelsItsWatch(LinuxProcessControl control) throws Exception {
        Process p = spawner.sleeper();
        ProcessTarget target = find(control, p.pid());
        CompletableFuture<Instant> exit = target.onExit();

        target.close();

        assertThrows(CancellationException.class, () -> exit.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        // The future's own exception: JDK 23+ get() wraps it in a new one whose message is "get".
        CancellationException e = assertInstanceOf(CancellationException.class,
                exit.handle((instant, failure) -> failure).get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(p.isAlive());
        // The watcher goes on serving other targets.
        try (ProcessTarget other = find(control, spawner.sleeper().pid())) {
            CompletableFuture<Instant> otherExit = other.onExit();
            other.kill();
            otherExit.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource(WATCHERS)
    void aRunningProcessIsNotReportedAsExited(LinuxProcessControl control) throws Exception {
        Process p = spawner.sleeper();
        try (ProcessTarget target = find(control, p.pid())) {
            CompletableFuture<Instant> exit = target.onExit();

            // Bounded wait for something that must not happen: short, and no timing is asserted.
            assertThrows(TimeoutException.class, () -> exit.get(200, TimeUnit.MILLISECONDS));
            assertTrue(target.isAlive());
        }
    }

    @Test
    void theSystemPropertyForcesPolling() {
        String old = System.getProperty(WatchMode.PROPERTY);
        try {
            System.setProperty(WatchMode.PROPERTY, "poll");
            LinuxProcessControl polling = new LinuxProcessControl();
            System.clearProperty(WatchMode.PROPERTY);
            LinuxProcessControl event = new LinuxProcessControl();

            assertEquals("polling (10 ms, growing to 100 ms)", polling.exitWatchMechanism());
            assertEquals(LinuxGate.pidfdAvailable() ? "pidfd+epoll" : "polling (10 ms, growing to 100 ms)",
                    event.exitWatchMechanism());
        } finally {
            if (old != null) {
                System.setProperty(WatchMode.PROPERTY, old);
            }
        }
    }
}
