// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.StopOnExit;
import dev.lifecycle.core.testing.TestProcesses;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host app's JVM ended with SIGTERM stops what it registered with
 * {@code InstanceStoppers.stopOnExit}: a child JVM ({@link StopOnExitChild}, the test's
 * class path) starts stand-in agents as its instances, registers them and is sent SIGTERM;
 * the test then finds their processes gone and their stale files removed, and the instance
 * of an unregistered handle left as it was.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGTERM and the sh stand-ins are Unix")
class StopOnExitTest {

    @TempDir
    Path home;

    @TempDir
    Path logs;

    private Process child;
    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        if (child != null) {
            child.destroyForcibly();
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void sigtermStopsEveryRegisteredInstanceWithinTheBound() throws Exception {
        Path stderr = logs.resolve("child.stderr");
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", System.getProperty("java.class.path"), StopOnExitChild.class.getName(), home.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        assertTrue(ready != null && ready.startsWith("ready "), "child said: " + ready + "; " + Files.readString(stderr));
        for (String pid : ready.substring("ready ".length()).split(" ")) {
            pids.add(Long.parseLong(pid));
        }
        long graceful = pids.get(0);
        long stubbornDriver = pids.get(1);
        long stubbornAgent = pids.get(2);
        long kept = pids.get(3);
        for (long pid : pids) {
            assertTrue(TestProcesses.isRunning(pid), "PID " + pid + " runs before the SIGTERM");
        }

        long start = System.nanoTime();
        child.destroy(); // SIGTERM: the JVM runs its shutdown hooks
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM exits");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String log = Files.readString(stderr);

        assertEquals(143, child.exitValue(), "ended by SIGTERM: " + log);
        assertTrue(took.compareTo(StopOnExitChild.BOUND.plusSeconds(10)) < 0, "held the exit " + took + ": " + log);
        for (long pid : List.of(graceful, stubbornDriver, stubbornAgent)) {
            assertFalse(runningAfterReap(pid), "PID " + pid + " was stopped on exit: " + log);
        }
        assertTrue(Files.exists(home.resolve("graceful-agent.interrupted")), "graceful: interrupted first: " + log);
        assertTrue(log.contains("graceful STOPPED_GRACEFULLY") && log.contains("stubborn STOPPED_FORCIBLY"), log);
        for (String name : List.of("graceful", "stubborn")) {
            Path dir = home.resolve(name);
            for (String gone : List.of("ha.pid", "ha.sock", "qemu.sock", "cidata.tmp")) {
                assertFalse(Files.exists(dir.resolve(gone), LinkOption.NOFOLLOW_LINKS), name + ": " + gone + " removed");
            }
            assertTrue(Files.exists(dir.resolve("lima.yaml")) && Files.exists(dir.resolve("disk")), name + ": kept");
        }
        assertFalse(Files.exists(home.resolve("stubborn").resolve("qemu.pid")));
        assertTrue(TestProcesses.isRunning(kept), "an unregistered handle stops nothing");
        assertTrue(Files.exists(home.resolve("kept").resolve("ha.pid")));
    }

    @Test
    void theGracePeriodIsShortenedSoTheForcedStopFitsInTheBound() {
        StopOnExit onExit = InstanceStoppers.stopOnExit(List.of(), StopOptions.builder()
                .killTimeout(Duration.ofSeconds(10)).build(), Duration.ofSeconds(30));
        try {
            assertEquals(Duration.ofSeconds(20), onExit.options().gracePeriod());
            assertEquals(Duration.ofSeconds(10), onExit.options().killTimeout());
            assertEquals(Duration.ofSeconds(30), onExit.bound());
        } finally {
            assertTrue(onExit.unregister());
            assertFalse(onExit.unregister(), "once only");
        }
        StopOnExit shortGrace = InstanceStoppers.stopOnExit(List.of(), StopOptions.builder()
                .gracePeriod(Duration.ofSeconds(1)).build(), Duration.ofSeconds(20));
        assertEquals(Duration.ofSeconds(1), shortGrace.options().gracePeriod(), "a grace period that fits stays");
        assertTrue(shortGrace.unregister());
        StopOnExit tight = InstanceStoppers.stopOnExit(List.of(), StopOptions.defaults(), Duration.ofSeconds(5));
        assertEquals(Duration.ZERO, tight.options().gracePeriod(), "a bound below the kill timeout: forced at once");
        assertTrue(tight.unregister());
    }

    @Test
    void instancesAreAddedReplacedByNameAndRemoved() {
        Instance a = Instance.builder("a", home).build();
        Instance a2 = Instance.builder("a", home.resolve("elsewhere")).build();
        Instance b = Instance.builder("b", home).build();
        StopOnExit onExit = InstanceStoppers.stopOnExit(List.of(a), StopOptions.defaults(), Duration.ofMinutes(1));
        try {
            onExit.add(b).add(a2);
            assertEquals(List.of(a2, b), onExit.instances());
            assertTrue(onExit.remove("a"));
            assertFalse(onExit.remove("a"));
            assertEquals(List.of(b), onExit.instances());
        } finally {
            onExit.unregister();
        }
    }

    @Test
    void aBoundThatIsNotAboveZeroIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> InstanceStoppers.stopOnExit(List.of(), StopOptions.defaults(), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> InstanceStoppers.stopOnExit(List.of(), StopOptions.defaults(), Duration.ofSeconds(-1)));
    }

    /** Whether a process of the dead child still runs once init (or a subreaper) had the time to reap it. */
    private static boolean runningAfterReap(long pid) throws InterruptedException {
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join());
        return TestProcesses.isRunning(pid);
    }
}
