// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.ProcessRole;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows provider against real processes: the handle checked against the PID asked for,
 * Ctrl+Break through the helper only to process-group roots (and to their members), named
 * events the host app chooses (and one held by another process, which does not count), a
 * host without a console, {@code TerminateProcess}, exit watching and identity. Runs on
 * Windows only (the CI's Windows runner; docs/verify-on-windows.md). Each child is a {@link
 * WindowsTestChild}.
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
    void theCommandLineReadOnTheHandleProvesAnAgentWhoseClockMovedAndRefusesAnotherInstancesAgent() throws Exception {
        Path instance = Files.createDirectories(temp.resolve("lima home").resolve("default"));
        Path other = Files.createDirectories(temp.resolve("lima home").resolve("other"));
        WindowsChild agent = start(WindowsChild.NEW_GROUP_NEW_CONSOLE, "agent", "plain", "hostagent", "--pidfile",
                instance.resolve("ha.pid").toString(), "default");
        WindowsChild othersAgent = start(WindowsChild.NEW_GROUP_NEW_CONSOLE, "others-agent", "plain", "hostagent",
                "--pidfile", other.resolve("ha.pid").toString(), "other");
        // ha.pid looks written an hour before the agent started: a forward step of the clock.
        ProcessRef stepped = ProcessRef.recordedIn(agent.pid(), instance.resolve("ha.pid"),
                agent.startInstant().minus(Duration.ofHours(1)));

        ProcessLookup ours = control.find(stepped, ExpectedOwner.namingItsInstance(instance));
        ProcessLookup theirs = control.find(ProcessRef.recordedIn(othersAgent.pid(), instance.resolve("ha.pid"),
                Instant.now()), ExpectedOwner.namingItsInstance(instance));

        cleanup.add(assertInstanceOf(ProcessLookup.Found.class, ours, ours.detail()).target());
        assertTrue(ours.detail().contains("--pidfile"), ours.detail());
        assertInstanceOf(ProcessLookup.NotOurs.class, theirs, theirs.detail());
        assertTrue(control.scanReferences(instance).referring().stream().anyMatch(r -> r.pid() == agent.pid()));
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

    private static InterruptRequest request(String instance) {
        return new InterruptRequest(instance, ProcessRole.HOST_AGENT, LIMIT);
    }

    private WindowsProcessControl withEvents(String template) {
        return WindowsProcessControl.builder().interruptChannels(InterruptChannelStrategy.namedEvents(template)).build();
    }

    // ---- item 1: the handle is the process asked for -----------------------------------

    @Test
    void aPidWhoseLowBitsWindowsIgnoresOpensAnotherProcessAndIsNotOurs() throws Exception {
        WindowsChild child = start(WindowsChild.NEW_GROUP_NO_CONSOLE, "low-bits", "plain");
        assertEquals(0, child.pid() % 4, "Windows PIDs are multiples of 4");
        ProcessLookup lookup = control.find(ProcessRef.started(child.pid() + 1, child.startInstant()));
        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        assertTrue(lookup.detail().contains("opened PID " + child.pid()), lookup.detail());
        assertTrue(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aPidNextToTheHostsOwnIsNotOursSoTheHostCanNeverBeKilled() {
        long self = ProcessHandle.current().pid();
        Instant myStart = ProcessHandle.current().info().startInstant().orElseThrow();
        for (long pid = self + 1; pid <= self + 3; pid++) {
            ProcessLookup lookup = control.find(ProcessRef.started(pid, myStart));
            assertFalse(lookup instanceof ProcessLookup.Found, "PID " + pid + ": " + lookup.detail());
        }
    }

    // ---- item 2: Ctrl+Break to a process-group root only --------------------------------

    @Test
    void aProcessThatIsNotAGroupRootGetsNoCtrlBreakAndNoDeliveredReport() throws Exception {
        WindowsChild child = start(WindowsChild.NEW_CONSOLE_ONLY, "not-root", "handle");
        ProcessTarget target = find(control, child);
        SignalResult result = target.interrupt(request("not-root"));
        assertEquals(Status.NO_CHANNEL, result.status(), result.detail());
        assertTrue(result.detail().contains("not the root of a console process group"), result.detail());
        assertTrue(target.isAlive());
        assertFalse(child.hasMarker("break"), "a Ctrl+Break reached it after all");
    }

    @Test
    void ctrlBreakToAGroupRootAlsoReachesTheMembersOfItsGroup() throws Exception {
        WindowsChild root = start(WindowsChild.NEW_GROUP_NEW_CONSOLE, "group", "group");
        ProcessTarget target = find(control, root);
        SignalResult result = target.interrupt(request("group"));
        assertEquals(Status.DELIVERED, result.status(), result.detail());
        awaitExit(target);
        assertTrue(root.hasMarker("break"));
        assertTrue(root.awaitMarker("member/break", LIMIT), "the member of the agent's group saw no Ctrl+Break");
        long member = Long.parseLong(root.read("member.pid").strip());
        cleanup.add(() -> ProcessHandle.of(member).ifPresent(ProcessHandle::destroyForcibly));
    }

    // ---- item 3: channels the host app chooses -----------------------------------------

    @Test
    void theHostAppsNamedEventReachesAnAgentWithoutAConsole() throws Exception {
        String template = "Local\\lifecycle-test-" + ProcessHandle.current().pid() + "-interrupt-{role}-{instance}-{pid}";
        WindowsChild child = start(WindowsChild.NEW_GROUP_NO_CONSOLE, "event", "event",
                template.replace("{role}", "hostagent").replace("{instance}", "evt"));
        ProcessTarget target = find(withEvents(template), child);
        SignalResult result = target.interrupt(request("evt"));
        assertEquals(Status.DELIVERED, result.status(), result.detail());
        assertTrue(result.detail().contains("interrupt event"), result.detail());
        awaitExit(target);
        assertTrue(child.hasMarker("event"));
    }

    @Test
    void anEventOfTheRightNameHeldByAnotherProcessIsNotSetAndNotDelivery() throws Exception {
        String name = "Local\\lifecycle-test-" + ProcessHandle.current().pid() + "-decoy";
        WindowsChild decoy = start(WindowsChild.NEW_GROUP_NO_CONSOLE, "decoy", "hold-event", name);
        WindowsChild agent = start(WindowsChild.NEW_GROUP_NO_CONSOLE, "agent", "plain");
        WindowsProcessControl named = WindowsProcessControl.builder()
                .interruptChannels((instance, role, pid) -> InterruptChannel.namedEvent(name)).build();
        ProcessTarget target = find(named, agent);
        SignalResult result = target.interrupt(request("agent"));
        assertEquals(Status.NO_CHANNEL, result.status(), result.detail());
        assertTrue(result.detail().contains("holds no handle to it"), result.detail());
        WinNT.HANDLE event = Kernel32.INSTANCE.OpenEvent(WinNT.SYNCHRONIZE, false, name);
        try {
            assertEquals(WinError.WAIT_TIMEOUT, Kernel32.INSTANCE.WaitForSingleObject(event, 0), "the decoy's event was set");
        } finally {
            Kernel32.INSTANCE.CloseHandle(event);
        }
        assertTrue(ProcessHandle.of(decoy.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    // ---- item 4: the helper from a host without a console --------------------------------

    @Test
    void aHostWithoutAConsoleInterruptsAGroupRootThroughTheHelper() throws Exception {
        WindowsChild agent = start(WindowsChild.NEW_GROUP_NEW_CONSOLE, "headless-agent", "handle");
        WindowsChild host = start(WindowsChild.NO_CONSOLE, "headless-host", "host", Long.toString(agent.pid()),
                agent.startInstant().toString());
        String result = host.read("result");
        assertTrue(result.startsWith("DELIVERED "), result);
        assertTrue(agent.awaitMarker("break", LIMIT), "the agent saw no Ctrl+Break");
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
