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
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SIGINT and SIGKILL through the Linux provider to real processes, on the pidfd and the kill(2) path. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxSignalTest extends RealProcessTest {

    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(5);

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void interruptReachesAScriptThatTrapsSigint(LinuxProcessControl control) throws Exception {
        Path marker = dir.resolve("interrupted");
        Process p = spawner.start("trap 'echo interrupted > \"$0\"; kill $child; exit 3' INT;"
                + " sleep 30 & child=$!; echo ready; wait", marker.toString());
        spawner.readLine(p);

        try (ProcessTarget target = find(control, p)) {
            SignalResult result = target.interrupt(HELPER_TIMEOUT);

            assertEquals(SignalResult.Status.DELIVERED, result.status(), result.detail());
            assertTrue(result.detail().contains("SIGINT") && result.detail().contains("PID " + p.pid()), result.detail());
            assertEquals(3, Spawner.awaitExit(p), "the trap's exit code");
            assertEquals("interrupted", Files.readString(marker).strip());
            target.onExit().get(Spawner.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertFalse(target.isAlive());
        }
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void killEndsAProcessThatIgnoresSigint(LinuxProcessControl control) throws Exception {
        // An ignored signal stays ignored across exec, so the sleep itself ignores SIGINT.
        Process p = spawner.start("trap '' INT; echo ready; exec sleep 30");
        spawner.readLine(p);

        try (ProcessTarget target = find(control, p)) {
            assertEquals(SignalResult.Status.DELIVERED, target.interrupt(HELPER_TIMEOUT).status());
            SignalResult kill = target.kill();

            assertEquals(SignalResult.Status.DELIVERED, kill.status(), kill.detail());
            target.onExit().get(Spawner.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(128 + 9, Spawner.awaitExit(p), "killed by SIGKILL, not by the ignored SIGINT");
        }
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void signalsAfterTheExitReportAlreadyExited(LinuxProcessControl control) throws Exception {
        Process p = spawner.sleeper();

        try (ProcessTarget target = find(control, p)) {
            assertEquals(SignalResult.Status.DELIVERED, target.kill().status());
            target.onExit().get(Spawner.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            SignalResult beforeReaped = target.kill();
            Spawner.awaitExit(p);
            SignalResult afterReaped = target.kill();
            SignalResult interrupt = target.interrupt(HELPER_TIMEOUT);

            assertEquals(SignalResult.Status.ALREADY_EXITED, beforeReaped.status(), beforeReaped.detail());
            assertEquals(SignalResult.Status.ALREADY_EXITED, afterReaped.status(), afterReaped.detail());
            assertEquals(SignalResult.Status.ALREADY_EXITED, interrupt.status(), interrupt.detail());
            assertTrue(afterReaped.isDeliveredOrGone());
        }
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void aZombieTargetHasExited(LinuxProcessControl control) throws Exception {
        Process parent = spawner.start("sleep 30 & echo $!; exec sleep 30");
        long child = spawner.readPidOfUnreapedChild(parent);

        try (ProcessTarget target = find(control, child)) {
            assertEquals(SignalResult.Status.DELIVERED, target.kill().status());
            target.onExit().get(Spawner.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Spawner.awaitState(child, 'Z');

            assertFalse(target.isAlive(), "a zombie has exited");
            assertEquals(SignalResult.Status.ALREADY_EXITED, target.kill().status());
        }
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void aClosedTargetSendsNothing(LinuxProcessControl control) throws Exception {
        Process first = spawner.sleeper();
        Process second = spawner.sleeper();
        ProcessTarget closed = find(control, first);
        closed.close();
        closed.close();
        // The second target's pidfd likely reuses the closed one's descriptor number.
        try (ProcessTarget other = find(control, second)) {
            SignalResult interrupt = closed.interrupt(HELPER_TIMEOUT);
            SignalResult kill = closed.kill();

            assertEquals(SignalResult.Status.FAILED, interrupt.status(), interrupt.detail());
            assertEquals(SignalResult.Status.FAILED, kill.status(), kill.detail());
            assertTrue(kill.detail().contains("closed"), kill.detail());
            assertTrue(first.isAlive(), "nothing was sent to the closed target's process");
            assertTrue(other.isAlive());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> closed.onExit().get(Spawner.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(SignalResult.Status.DELIVERED, other.kill().status());
            assertEquals(128 + 9, Spawner.awaitExit(second), "died of our SIGKILL, not of a stray SIGINT");
            assertTrue(first.isAlive());
        }
    }
}
