package dev.lifecycle.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.platform.win32.Kernel32;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import dev.lifecycle.windows.interrupt.InterruptEventName;
import dev.lifecycle.windows.interrupt.JavaHelperLauncher;
import dev.lifecycle.windows.win32.JnaWindowsNative;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows provider against real processes: Ctrl+Break through the helper, a named
 * event, {@code TerminateProcess}, exit watching and identity. Runs on the Windows CI runner
 * only; each child is a {@link WindowsTestChild} in its own process group.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsRealProcessTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final WindowsProcessControl control = new WindowsProcessControl();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void theProviderIsAvailableOnWindows() {
        // The same gate production uses: on a Windows runner with JNA it must be available.
        assertTrue(control.availability().available(), control.availability().cause().orElse(""));
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private WindowsChild start(int flags, String name, String... args) throws Exception {
        Path markers = Files.createDirectory(temp.resolve(name));
        WindowsChild child = WindowsChild.start(flags, markers, args);
        cleanup.add(child);
        assertTrue(child.awaitMarker("ready", LIMIT), "child " + name + " never got ready: " + child.error());
        return child;
    }

    private ProcessTarget find(WindowsProcessControl with, WindowsChild child) {
        ProcessLookup lookup = with.find(ProcessRef.started(child.pid(), child.startInstant()));
        ProcessTarget target = assertInstanceOf(ProcessLookup.Found.class, lookup, lookup.detail()).target();
        cleanup.add(target);
        return target;
    }

    private static Instant awaitExit(ProcessTarget target) throws Exception {
        return target.onExit().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aChildWithItsOwnConsoleHandlesCtrlBreakAndExits() throws Exception {
        WindowsChild child = start(WindowsChild.NEW_GROUP_NEW_CONSOLE, "own-console", "handle");
        ProcessTarget target = find(control, child);
        SignalResult result = target.interrupt(LIMIT);
        assertEquals(Status.DELIVERED, result.status(), result.detail());
        awaitExit(target);
        assertTrue(child.hasMarker("break"), "the child's handler never saw Ctrl+Break");
        assertFalse(target.isAlive());
        assertEquals(Status.ALREADY_EXITED, target.kill().status());
    }

    @Test
    void ctrlBreakOnASharedConsoleReachesTheTargetGroupOnly() throws Exception {
        assumeTrue(Kernel32.INSTANCE.GetConsoleCP() != 0, "this test JVM has no console to share");
        WindowsChild bystander = start(WindowsChild.NEW_GROUP, "bystander", "ignore");
        WindowsChild child = start(WindowsChild.NEW_GROUP, "shared-console", "handle");
        ProcessTarget target = find(control, child);
        SignalResult result = target.interrupt(LIMIT);
        assertEquals(Status.DELIVERED, result.status(), result.detail());
        awaitExit(target);
        assertTrue(child.hasMarker("break"));
        // This JVM shares the console and is still here; so is the bystander, untouched.
        assertFalse(bystander.hasMarker("break-ignored"), "Ctrl+Break reached another process group");
        assertTrue(ProcessHandle.of(bystander.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aChildThatIgnoresCtrlBreakIsKilledByTerminateProcess() throws Exception {
        WindowsChild child = start(WindowsChild.NEW_GROUP_NEW_CONSOLE, "ignore", "ignore");
        ProcessTarget target = find(control, child);
        CompletableFuture<Instant> exit = target.onExit();
        assertEquals(Status.DELIVERED, target.interrupt(LIMIT).status());
        assertTrue(child.awaitMarker("break-ignored", LIMIT), "the child never saw Ctrl+Break");
        assertTrue(target.isAlive());
        assertFalse(exit.isDone());
        SignalResult kill = target.kill();
        assertEquals(Status.DELIVERED, kill.status(), kill.detail());
        exit.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertFalse(target.isAlive());
        assertEquals(Status.ALREADY_EXITED, target.kill().status(), "kill is idempotent");
    }

    @Test
    void aChildWithoutAConsoleHasNoChannelAndIsThenKilled() throws Exception {
        WindowsChild child = start(WindowsChild.NEW_GROUP_NO_CONSOLE, "detached", "plain");
        ProcessTarget target = find(control, child);
        SignalResult result = target.interrupt(LIMIT);
        assertEquals(Status.NO_CHANNEL, result.status(), result.detail());
        assertTrue(result.detail().contains("forced path"), result.detail());
        assertTrue(target.isAlive());
        assertEquals(Status.DELIVERED, target.kill().status());
        awaitExit(target);
    }

    @Test
    void aNamedInterruptEventIsSetInsteadOfCtrlBreak() throws Exception {
        String pattern = "Local\\lifecycle-test-" + ProcessHandle.current().pid() + "-interrupt-%d";
        WindowsProcessControl withEvent = new WindowsProcessControl(System.getProperty("os.name"),
                () -> JnaWindowsNative.load(), JavaHelperLauncher.forCurrentJvm(),
                () -> Optional.of(InterruptEventName.parse(pattern)));
        WindowsChild child = start(WindowsChild.NEW_GROUP_NO_CONSOLE, "event", "event", pattern);
        ProcessTarget target = find(withEvent, child);
        SignalResult result = target.interrupt(LIMIT);
        assertEquals(Status.DELIVERED, result.status(), result.detail());
        assertTrue(result.detail().contains("interrupt event"), result.detail());
        awaitExit(target);
        assertTrue(child.hasMarker("event"));
    }

    @Test
    void aReusedPidIsNotOursAndIsLeftRunning() throws Exception {
        WindowsChild child = start(WindowsChild.NEW_GROUP_NO_CONSOLE, "reused", "plain");
        ProcessRef stale = ProcessRef.started(child.pid(), child.startInstant().minus(Duration.ofHours(1)));
        ProcessLookup lookup = control.find(stale);
        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        assertTrue(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void anExitedProcessWhosePidIsStillHeldIsNotRunning() throws Exception {
        WindowsChild child = start(WindowsChild.NEW_GROUP_NO_CONSOLE, "exited", "plain");
        Instant started = child.startInstant();
        ProcessTarget target = find(control, child);
        target.kill();
        awaitExit(target);
        // The test still holds the child's handle, so the PID is reserved but signalled.
        ProcessLookup lookup = control.find(ProcessRef.started(child.pid(), started));
        assertInstanceOf(ProcessLookup.NotRunning.class, lookup, lookup.detail());
    }

    @Test
    void exitsOfSeveralProcessesAreEachNoticed() throws Exception {
        List<ProcessTarget> targets = new ArrayList<>();
        List<CompletableFuture<Instant>> exits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessTarget target = find(control, start(WindowsChild.NEW_GROUP_NO_CONSOLE, "many-" + i, "plain"));
            targets.add(target);
            exits.add(target.onExit());
        }
        exits.forEach(e -> assertFalse(e.isDone()));
        targets.forEach(ProcessTarget::kill);
        for (CompletableFuture<Instant> exit : exits) {
            exit.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
