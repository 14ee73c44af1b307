// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Identity checks of the Linux provider against real processes, on the pidfd and the kill(2) path. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxIdentityTest extends RealProcessTest {

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void provesTheIdentityOfALiveProcessWithItsStartInstant(LinuxProcessControl control) {
        Instant before = Instant.now();
        Process p = spawner.sleeper();
        Instant after = Instant.now();
        Instant jdkStart = p.info().startInstant().orElseThrow();

        ProcessLookup lookup = control.find(ProcessRef.started(p.pid(), jdkStart));

        ProcessLookup.Found found = assertInstanceOf(ProcessLookup.Found.class, lookup, lookup.detail());
        try (ProcessTarget target = found.target()) {
            assertEquals(p.pid(), target.pid());
            Instant start = target.startInstant().orElseThrow();
            // The kernel counts in clock ticks (10 ms at 100 Hz) and truncates.
            assertFalse(start.isBefore(before.minusMillis(50)), "start " + start + " before spawn at " + before);
            assertFalse(start.isAfter(after.plusMillis(50)), "start " + start + " after spawn returned at " + after);
            // The JDK floors its boot time to whole seconds; ours is finer.
            assertTrue(Duration.between(jdkStart, start).abs().compareTo(Duration.ofMillis(1100)) <= 0,
                    "JDK says " + jdkStart + ", we say " + start);
            assertTrue(target.isAlive());
            assertTrue(found.detail().contains("PID " + p.pid()), found.detail());
        }
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void acceptsAProcessThatStartedBeforeItsPidFileWasWritten(LinuxProcessControl control) throws IOException {
        Process p = spawner.sleeper();
        Path pidFile = writePidFile(p.pid());

        ProcessLookup lookup = control.find(ProcessRef.recordedIn(p.pid(), pidFile,
                Files.getLastModifiedTime(pidFile).toInstant()));

        ProcessLookup.Found found = assertInstanceOf(ProcessLookup.Found.class, lookup, lookup.detail());
        found.target().close();
        assertTrue(found.detail().contains("ha.pid"), found.detail());
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void leavesAloneAProcessThatStartedAfterItsPidFileWasWritten(LinuxProcessControl control) throws IOException {
        Process p = spawner.sleeper();
        Instant start = p.info().startInstant().orElseThrow();
        Path pidFile = writePidFile(p.pid());
        Files.setLastModifiedTime(pidFile, FileTime.from(start.minus(Duration.ofHours(1))));

        ProcessLookup lookup = control.find(ProcessRef.recordedIn(p.pid(), pidFile,
                Files.getLastModifiedTime(pidFile).toInstant()));

        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        assertTrue(lookup.detail().contains("ha.pid") && lookup.detail().contains("reused"), lookup.detail());
        assertTrue(p.isAlive());
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void leavesAloneAProcessWhoseRecordedStartDiffers(LinuxProcessControl control) {
        Process p = spawner.sleeper();
        Instant start = p.info().startInstant().orElseThrow();

        ProcessLookup lookup = control.find(ProcessRef.started(p.pid(), start.minus(Duration.ofHours(1))));

        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        assertTrue(p.isAlive());
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void refusesPidOneAndTheCurrentProcess(LinuxProcessControl control) {
        long self = ProcessHandle.current().pid();

        ProcessLookup init = control.find(ProcessRef.started(1, Instant.EPOCH));
        ProcessLookup current = control.find(ProcessRef.started(self, Instant.now()));

        assertInstanceOf(ProcessLookup.Refused.class, init, init.detail());
        assertInstanceOf(ProcessLookup.Refused.class, current, current.detail());
        assertTrue(ProcessHandle.of(1).map(ProcessHandle::isAlive).orElse(true), "PID 1 must survive");
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void reportsAnExitedPidAsNotRunning(LinuxProcessControl control) {
        Process p = spawner.start("exit 0");
        Instant start = p.info().startInstant().orElse(Instant.now());
        Spawner.awaitExit(p);

        ProcessLookup lookup = control.find(ProcessRef.started(p.pid(), start));

        assertInstanceOf(ProcessLookup.NotRunning.class, lookup, lookup.detail());
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void reportsAZombieAsNotRunning(LinuxProcessControl control) {
        // The inner sleep exits and stays a zombie: its parent exec'd a sleep that never reaps.
        Process parent = spawner.start("sleep 30 & echo $!; exec sleep 30");
        long zombie = spawner.readPidOfUnreapedChild(parent);
        ProcessHandle.of(zombie).ifPresent(ProcessHandle::destroyForcibly);
        Spawner.awaitState(zombie, 'Z');

        ProcessLookup lookup = control.find(ProcessRef.started(zombie, parent.info().startInstant().orElseThrow()));

        assertInstanceOf(ProcessLookup.NotRunning.class, lookup, lookup.detail());
    }

    @Test
    void identifiesItselfAsThePlatformProviderForLinux() {
        LinuxProcessControl control = new LinuxProcessControl();

        assertEquals("linux", control.id());
        assertEquals(dev.lifecycle.spi.ProcessControl.PLATFORM_PRIORITY, control.priority());
        assertTrue(control.availability().available());
        assertTrue(control.availability().cause().isEmpty());
    }

    private Path writePidFile(long pid) throws IOException {
        Path pidFile = dir.resolve("ha.pid");
        Files.writeString(pidFile, Long.toString(pid));
        return pidFile;
    }
}
