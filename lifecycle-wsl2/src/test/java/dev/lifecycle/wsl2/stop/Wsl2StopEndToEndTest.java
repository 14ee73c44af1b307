// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2.stop;

import static dev.lifecycle.core.testing.TestProcesses.isRunning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.BoundedCommandRunner;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.stop.ScriptProcess;
import dev.lifecycle.core.testing.ProbingProcessControl;
import dev.lifecycle.core.testing.RecordingListener;
import dev.lifecycle.wsl2.LeftoverProcesses;
import dev.lifecycle.wsl2.StandInWsl;
import dev.lifecycle.wsl2.Wsl2VmTypeExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core stopper with the WSL2 extension, end to end: a real {@code sh} host agent whose
 * PID is in {@code ha.pid}, a real instance directory with an additional disk locked by the
 * instance, the pure-JDK provider (interrupt = SIGTERM, kill = SIGKILL) and a stand-in
 * {@code wsl.exe} whose state is a file. Proves issue 5's last point: the disk-unlock and
 * cleanup steps keep upstream Lima's order around the distro step.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the agent and the stand-in wsl.exe are POSIX sh scripts")
@Timeout(30)
class Wsl2StopEndToEndTest {

    private static final String NAME = "dev";
    private static final String DISTRO = "lima-dev";
    private static final String DISK = "data";
    private static final String LIST = StandInWsl.LIST;
    private static final String TERMINATE = StandInWsl.terminate(DISTRO);
    /**
     * A forced-only stop of a WSL2 instance: upstream Lima's order, the distro down before the
     * unlock, except that WSL2 records no driver PID, so the agent is killed and confirmed gone
     * before any disk is released too.
     */
    private static final List<String> FORCED_ONLY_STEPS = List.of(Steps.IDENTIFY, Steps.KILL_DRIVER,
            Wsl2VmTypeExtension.TERMINATE_DISTRO, Steps.STOP_DRIVER_SERVERS, Steps.KILL_HOST_AGENT, Steps.UNLOCK_DISKS,
            Steps.STOP_SOCKET_HOLDERS, Steps.REMOVE_STALE_FILES);

    @TempDir
    Path home;
    @TempDir
    Path bin;

    private Wsl2InstanceDir fake;
    private StandInWsl wsl;
    private final RecordingListener listener = new RecordingListener();
    /**
     * Whether the disk was still locked at each {@code wsl.exe} call, and what the world
     * looked like when the agent was killed: seen on the stop's own thread, at that moment.
     */
    private final List<Boolean> lockedAtWslCalls = new CopyOnWriteArrayList<>();
    private final Map<String, Object> atAgentKill = new ConcurrentHashMap<>();
    private ScriptProcess agent;
    private final LeftoverProcesses leftovers = new LeftoverProcesses();

    @AfterEach
    void killLeftovers() {
        if (fake != null) {
            fake.close();
        }
        leftovers.close();
    }

    private InstanceStopper stopper() {
        BoundedCommandRunner commands = new BoundedCommandRunner();
        return InstanceStoppers.builder()
                .processControl(new ProbingProcessControl(new JdkProcessControl(), this::beforeKill))
                .extensions(List.of(new Wsl2VmTypeExtension()))
                .commandRunner((command, environment, timeout) -> {
                    lockedAtWslCalls.add(fake.isLocked(DISK));
                    return commands.run(command, environment, timeout);
                })
                .extensionSettings(Wsl2VmTypeExtension.ID,
                        Map.of(Wsl2VmTypeExtension.EXECUTABLE_SETTING, wsl.executable().toString()))
                .listener(listener)
                .build();
    }

    private void beforeKill(long pid) {
        if (agent != null && pid == agent.pid()) {
            try {
                atAgentKill.put("distroRunning", wsl.runningNow().contains(DISTRO));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            atAgentKill.put("locked", fake.isLocked(DISK));
        }
    }

    /** Every event of the stop; they reach the listener on its own thread, possibly after the stop returned. */
    private List<StopEvent> events() throws InterruptedException {
        return listener.awaitReports(1);
    }

    private void given(StandInWsl.Behaviour behaviour, String... running) throws IOException {
        fake = new Wsl2InstanceDir(home, NAME);
        fake.lockedDisk(DISK);
        wsl = StandInWsl.in(bin).running(running).behaviour(behaviour);
        wsl.install();
    }

    private StopOptions.Builder options(StopMode mode) {
        return StopOptions.builder().mode(mode).gracePeriod(Duration.ofSeconds(10)).killTimeout(Duration.ofSeconds(5))
                .commandTimeout(Duration.ofSeconds(10));
    }

    private static List<String> stepNames(StopReport r) {
        return r.steps().stream().map(StepResult::step).collect(Collectors.toList());
    }

    private static StepResult only(StopReport r, String step) {
        List<StepResult> s = r.steps(step);
        assertEquals(1, s.size(), step + " recorded once: " + r.describe());
        return s.get(0);
    }

    private List<StopEvent.Type> eventTypes(String step) throws InterruptedException {
        return events().stream().filter(e -> e.step().equals(step)).map(StopEvent::type).collect(Collectors.toList());
    }

    private int firstEvent(StopEvent.Type type) throws InterruptedException {
        List<StopEvent> events = events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }

    private int firstEvent(StopEvent.Type type, String step) throws InterruptedException {
        List<StopEvent> events = events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type() == type && events.get(i).step().equals(step)) {
                return i;
            }
        }
        return -1;
    }

    private void assertReleasedAndCleaned(StopReport report) {
        assertFalse(fake.isLocked(DISK), "own disk lock released: " + report.describe());
        assertTrue(Files.exists(home.resolve("_disks").resolve(DISK).resolve("datadisk")), "disk data untouched");
        for (String gone : Wsl2InstanceDir.STALE) {
            assertFalse(fake.exists(gone), gone + " should be removed: " + report.describe());
        }
        for (String kept : Wsl2InstanceDir.KEPT) {
            assertTrue(fake.exists(kept), kept + " must never be touched");
        }
    }

    private void assertNothingReleased(StopReport report) throws InterruptedException {
        assertTrue(fake.isLocked(DISK), "the disk stays locked while the distro may run: " + report.describe());
        for (String kept : Wsl2InstanceDir.STALE) {
            assertTrue(fake.exists(kept), kept + " kept while the distro may run: " + report.describe());
        }
        for (String kept : Wsl2InstanceDir.KEPT) {
            assertTrue(fake.exists(kept), kept + " must never be touched");
        }
        assertEquals(StepStatus.REFUSED, only(report, Steps.UNLOCK_DISKS).status(), report.describe());
        assertEquals(StepStatus.REFUSED, only(report, Steps.REMOVE_STALE_FILES).status(), report.describe());
        assertEquals(-1, firstEvent(StopEvent.Type.DISK_UNLOCKED), "no unlock event");
        assertEquals(-1, firstEvent(StopEvent.Type.FILE_REMOVED), "no file-removed event");
    }

    /**
     * The distro was stopped, and the agent (WSL2 records no driver PID, so the VM may live in
     * it) killed, before the disk was released.
     */
    private void assertAgentKilledAfterTheDistroAndBeforeTheUnlock() {
        assertEquals(List.of(true, true, true), lockedAtWslCalls,
                "every wsl.exe call (list, --terminate, list) came before the unlock");
        assertEquals(Map.of("distroRunning", false, "locked", true), atAgentKill,
                "when the agent is killed the distro must be stopped and the disk still locked");
    }

    // ---- 1. forced only ---------------------------------------------------------------

    @Test
    void forcedStopTerminatesTheDistroAsTheDriverStepAndKillsTheAgentBeforeUnlocking() throws Exception {
        given(StandInWsl.Behaviour.NORMAL, "Ubuntu", DISTRO, "lima-other");
        agent = fake.agent(ScriptProcess.ignoring());

        StopReport report = stopper().stop(fake.instance(), options(StopMode.FORCED_ONLY).build());

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(FORCED_ONLY_STEPS, stepNames(report));
        StepResult killDriver = only(report, Steps.KILL_DRIVER);
        assertEquals(StepStatus.SKIPPED, killDriver.status(), "WSL2 records no driver PID: " + killDriver.message());
        assertEquals(StepStatus.SUCCEEDED, only(report, Wsl2VmTypeExtension.TERMINATE_DISTRO).status(),
                report.describe());
        assertEquals(StepStatus.SUCCEEDED, only(report, Steps.UNLOCK_DISKS).status(), report.describe());
        assertEquals(StepStatus.SUCCEEDED, only(report, Steps.KILL_HOST_AGENT).status(), report.describe());
        assertTrue(report.steps(Steps.INTERRUPT_HOST_AGENT).isEmpty(), "forced only: no interrupt");
        assertAgentKilledAfterTheDistroAndBeforeTheUnlock();
        assertTrue(agent.awaitExit(5), "the agent was killed");
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of("Ubuntu", "lima-other"), wsl.runningNow(), "other distros are left alone");
        assertReleasedAndCleaned(report);
        assertTrue(firstEvent(StopEvent.Type.KILL_SENT, Wsl2VmTypeExtension.TERMINATE_DISTRO)
                < firstEvent(StopEvent.Type.DISK_UNLOCKED), "terminate is announced before the unlock");
        assertTrue(firstEvent(StopEvent.Type.DISK_UNLOCKED) < firstEvent(StopEvent.Type.FILE_REMOVED));
        assertEquals(List.of(StopEvent.Type.KILL_SENT, StopEvent.Type.STEP_COMPLETED),
                eventTypes(Wsl2VmTypeExtension.TERMINATE_DISTRO), "one live event per happening: " + events());
    }

    // ---- 2. grace period expires -------------------------------------------------------

    @Test
    void expiredGracePeriodRunsTheSameForcedSequenceIncludingTheDistroStep() throws Exception {
        given(StandInWsl.Behaviour.NORMAL, DISTRO);
        agent = fake.agent(ScriptProcess.ignoring());

        StopReport report = stopper().stop(fake.instance(),
                options(StopMode.GRACEFUL_THEN_FORCED).gracePeriod(Duration.ofMillis(300)).build());

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(List.of(Steps.IDENTIFY, Steps.INTERRUPT_HOST_AGENT, Steps.AWAIT_GRACEFUL_EXIT, Steps.KILL_DRIVER,
                Wsl2VmTypeExtension.TERMINATE_DISTRO, Steps.STOP_DRIVER_SERVERS, Steps.KILL_HOST_AGENT,
                Steps.UNLOCK_DISKS, Steps.STOP_SOCKET_HOLDERS, Steps.REMOVE_STALE_FILES), stepNames(report));
        assertEquals(StepStatus.SUCCEEDED, only(report, Steps.INTERRUPT_HOST_AGENT).status(), report.describe());
        assertEquals(StepStatus.TIMED_OUT, only(report, Steps.AWAIT_GRACEFUL_EXIT).status(), report.describe());
        assertEquals(StepStatus.SUCCEEDED, only(report, Wsl2VmTypeExtension.TERMINATE_DISTRO).status(),
                report.describe());
        assertTrue(events().stream().anyMatch(e -> e.type() == StopEvent.Type.GRACE_PERIOD_EXPIRED));
        assertTrue(report.steps(Wsl2VmTypeExtension.CONFIRM_DISTRO_STOPPED).isEmpty(),
                "the timeout path runs the forced distro step, not the graceful check");
        assertAgentKilledAfterTheDistroAndBeforeTheUnlock();
        assertTrue(agent.awaitExit(5), "the agent was killed");
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of(), wsl.runningNow());
        assertReleasedAndCleaned(report);
    }

    // ---- 3. graceful stop, distro still running ----------------------------------------

    @Test
    void gracefulStopTerminatesADistroLeftRunningThenUnlocksAndCleans() throws Exception {
        given(StandInWsl.Behaviour.NORMAL, DISTRO);
        Path marker = home.resolve("agent.interrupted");
        agent = fake.agent(ScriptProcess.graceful(home, "agent", ""));

        StopReport report = stopper().stop(fake.instance(), options(StopMode.GRACEFUL_THEN_FORCED).build());

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertTrue(Files.exists(marker), "the agent got the interrupt and exited by itself");
        assertTrue(agent.awaitExit(5));
        assertEquals(List.of(Steps.IDENTIFY, Steps.INTERRUPT_HOST_AGENT, Steps.AWAIT_GRACEFUL_EXIT,
                Wsl2VmTypeExtension.CONFIRM_DISTRO_STOPPED, Steps.UNLOCK_DISKS, Steps.STOP_SOCKET_HOLDERS,
                Steps.REMOVE_STALE_FILES),
                stepNames(report));
        StepResult confirm = only(report, Wsl2VmTypeExtension.CONFIRM_DISTRO_STOPPED);
        assertEquals(StepStatus.SUCCEEDED, confirm.status(), report.describe());
        assertTrue(confirm.message().contains("still running after the host agent exited"), confirm.message());
        assertTrue(report.steps(Steps.KILL_HOST_AGENT).isEmpty(), "no forced step after a graceful exit");
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of(), wsl.runningNow());
        assertEquals(List.of(true, true, true), lockedAtWslCalls,
                "the distro was stopped, and seen stopped, before the unlock");
        int confirmed = firstEvent(StopEvent.Type.STEP_COMPLETED, Wsl2VmTypeExtension.CONFIRM_DISTRO_STOPPED);
        int unlocked = firstEvent(StopEvent.Type.DISK_UNLOCKED);
        int removed = firstEvent(StopEvent.Type.FILE_REMOVED);
        assertTrue(firstEvent(StopEvent.Type.PROCESS_EXITED) < confirmed, "agent exit seen before the distro check");
        assertTrue(confirmed >= 0 && confirmed < unlocked && unlocked < removed,
                "confirm-distro-stopped, then unlock, then cleanup: " + events());
        assertReleasedAndCleaned(report);
    }

    // ---- 4. distro survives --terminate -------------------------------------------------

    @Test
    void distroThatSurvivesTerminateFailsTheStopAndKeepsTheLockAndFiles() throws Exception {
        given(StandInWsl.Behaviour.TERMINATE_HAS_NO_EFFECT, DISTRO);
        agent = fake.agent(ScriptProcess.ignoring());

        StopReport report = stopper().stop(fake.instance(), options(StopMode.FORCED_ONLY).build());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertEquals(FORCED_ONLY_STEPS, stepNames(report));
        StepResult terminate = only(report, Wsl2VmTypeExtension.TERMINATE_DISTRO);
        assertEquals(StepStatus.FAILED, terminate.status(), report.describe());
        assertTrue(terminate.message().contains("distro lima-dev still running after wsl.exe --terminate"),
                terminate.message());
        assertEquals("dev", report.instance(), "the instance is in the report's field");
        assertFalse(terminate.message().contains("instance dev"), "and not repeated in the message: " + terminate.message());
        assertTrue(only(report, Steps.UNLOCK_DISKS).message().contains("VM may still run"), report.describe());
        assertTrue(only(report, Steps.REMOVE_STALE_FILES).message().contains("VM may still run"), report.describe());
        assertNothingReleased(report);
        assertEquals(List.of(DISTRO), wsl.runningNow());
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of(StopEvent.Type.KILL_SENT, StopEvent.Type.STEP_FAILED),
                eventTypes(Wsl2VmTypeExtension.TERMINATE_DISTRO), "one live event per happening: " + events());
    }

    // ---- 5. wsl.exe hangs ---------------------------------------------------------------

    @Test
    void hangingWslExeIsKilledAfterTheCommandTimeoutAndTheStopEndsKeepingTheLockAndFiles() throws Exception {
        given(StandInWsl.Behaviour.HANG_ON_EVERY_CALL, DISTRO);
        agent = fake.agent(ScriptProcess.ignoring());

        StopReport report = stopper().stop(fake.instance(),
                options(StopMode.FORCED_ONLY).commandTimeout(Duration.ofSeconds(1)).build());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        StepResult terminate = only(report, Wsl2VmTypeExtension.TERMINATE_DISTRO);
        assertEquals(StepStatus.TIMED_OUT, terminate.status(), report.describe());
        assertTrue(terminate.message().contains("did not finish within 1 s"), terminate.message());
        assertTrue(terminate.message().contains(DISTRO), terminate.message());
        long script = leftovers.readPid(wsl.wslPidFile());
        long child = leftovers.readPid(wsl.sleepPidFile());
        assertFalse(isRunning(script), "the stand-in (PID " + script + ") was killed");
        assertFalse(isRunning(child), "its child sleep (PID " + child + ") was killed");
        assertEquals(List.of(LIST), wsl.calls(), "no --terminate after a listing that timed out");
        assertNothingReleased(report);
    }

    // ---- 6. already stopped -------------------------------------------------------------

    @Test
    void agentAlreadyDeadWithTheDistroRunningTerminatesItAndReportsAForcedStop() throws Exception {
        given(StandInWsl.Behaviour.NORMAL, DISTRO);
        fake.staleAgent();

        StopReport report = stopper().stop(fake.instance(), options(StopMode.GRACEFUL_THEN_FORCED).build());

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(List.of(Steps.IDENTIFY, Wsl2VmTypeExtension.TERMINATE_DISTRO, Steps.UNLOCK_DISKS,
                Steps.STOP_SOCKET_HOLDERS, Steps.REMOVE_STALE_FILES), stepNames(report));
        assertEquals(StepStatus.SKIPPED, only(report, Steps.IDENTIFY).status(), "stale ha.pid: " + report.describe());
        assertEquals(StepStatus.SUCCEEDED, only(report, Wsl2VmTypeExtension.TERMINATE_DISTRO).status(),
                report.describe());
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of(), wsl.runningNow());
        assertEquals(List.of(true, true, true), lockedAtWslCalls,
                "the distro was stopped, and seen stopped, before the unlock");
        assertReleasedAndCleaned(report);
    }

    @Test
    void agentAlreadyDeadWithTheDistroStoppedIsAlreadyStoppedWithoutATerminateCall() throws Exception {
        given(StandInWsl.Behaviour.NORMAL, "Ubuntu");
        fake.staleAgent();

        StopReport report = stopper().stop(fake.instance(), options(StopMode.GRACEFUL_THEN_FORCED).build());

        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        assertEquals(List.of(Steps.IDENTIFY, Wsl2VmTypeExtension.TERMINATE_DISTRO, Steps.UNLOCK_DISKS,
                Steps.STOP_SOCKET_HOLDERS, Steps.REMOVE_STALE_FILES), stepNames(report));
        assertEquals(StepStatus.SKIPPED, only(report, Wsl2VmTypeExtension.TERMINATE_DISTRO).status(),
                report.describe());
        assertEquals(List.of(LIST), wsl.calls(), "no --terminate call");
        assertEquals(List.of("Ubuntu"), wsl.runningNow());
        assertEquals(List.of(StopEvent.Type.STEP_COMPLETED), eventTypes(Wsl2VmTypeExtension.TERMINATE_DISTRO));
        assertReleasedAndCleaned(report);
    }
}
