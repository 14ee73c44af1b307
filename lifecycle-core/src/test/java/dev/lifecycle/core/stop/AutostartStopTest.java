// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

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
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.StartAtLogin;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.testing.RecordingListener;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.core.testing.TestProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances started at login: stopped through a stand-in {@code systemctl} / {@code launchctl}
 * that really ends the agent, then checked by the normal stop; a stand-in that hangs is
 * bounded, one that fails leaves the normal stop to do the work.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in systemctl and launchctl are POSIX sh scripts that signal the agent")
public class AutostartStopTest {

    @TempDir
    Path home;
    @TempDir
    Path tools;

    private final List<FakeInstance> fakes = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();

    /**
     * The provider under test; the Unix module runs this suite again with its own.
     *
     * @return the provider
     */
    protected ProcessControl control() {
        return new JdkProcessControl();
    }

    @AfterEach
    void killLeftovers() {
        fakes.forEach(FakeInstance::close);
    }

    private InstanceStopper stopper(StartAtLogin manager) {
        return InstanceStoppers.builder().processControl(control()).extensions(List.of())
                .startAtLogin(manager).listener(listener).build();
    }

    /**
     * An instance whose agent, on SIGINT or SIGTERM, ends its driver and exits once the driver
     * is gone, as Lima's does.
     */
    private ScriptProcess running(String name) throws Exception {
        FakeInstance f = new FakeInstance(home, name);
        fakes.add(f);
        long driver = f.driver(ScriptProcess.graceful(home, name + "-driver", "")).pid();
        return f.agent(ScriptProcess.graceful(home, name + "-agent", "kill -TERM " + driver + "; while kill -0 "
                + driver + " 2>/dev/null; do sleep 0.01; done;"));
    }

    /**
     * Starts the instance, lets the stand-in manage its agent — registered, as
     * {@code limactl start-at-login} leaves it, unless told otherwise — and stops it.
     */
    private StopReport stopManaged(String name, StandInServiceManager standIn, boolean registered, StopOptions options)
            throws Exception {
        ScriptProcess agent = running(name);
        StartAtLogin manager = standIn.install(agent.pid());
        if (registered) {
            standIn.register(manager, name);
        }
        return stopper(manager).stop(fake(name).instance(), options);
    }

    private boolean agentRunning(String name) {
        return fake(name).processes.get(1).isRunning(); // running() starts the driver, then the agent
    }

    private FakeInstance fake(String name) {
        return fakes.stream().filter(f -> f.name.equals(name)).findFirst().orElseThrow();
    }

    private static StopOptions options() {
        return StopOptions.builder().gracePeriod(Duration.ofSeconds(10)).killTimeout(Duration.ofSeconds(5))
                .commandTimeout(Duration.ofSeconds(10)).build();
    }

    private static List<String> stepNames(StopReport r) {
        return r.steps().stream().map(StepResult::step).distinct().collect(Collectors.toList());
    }

    @Test
    void aSystemdManagedInstanceIsStoppedThroughSystemctlBeforeAnySignal() throws Exception {
        StandInServiceManager systemctl = StandInServiceManager.systemctl(tools);

        StopReport report = stopManaged("auto", systemctl, true, options());

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertEquals(List.of("--user show --property=ActiveState,MainPID lima-vm@auto.service", "--user stop lima-vm@auto.service"),
                systemctl.calls());
        StepResult step = report.steps(Steps.STOP_AUTOSTART_SERVICE).get(0);
        assertEquals(StepStatus.SUCCEEDED, step.status(), step.message());
        assertTrue(step.message().contains("lima-vm@auto.service stopped by systemd"), step.message());
        // The service manager ended the agent: we sent it nothing.
        assertTrue(report.steps(Steps.INTERRUPT_HOST_AGENT).isEmpty(), report.describe());
        assertEquals(List.of(Steps.IDENTIFY, Steps.STOP_AUTOSTART_SERVICE, Steps.AWAIT_GRACEFUL_EXIT,
                Steps.UNLOCK_DISKS, Steps.STOP_SOCKET_HOLDERS, Steps.REMOVE_STALE_FILES), stepNames(report));
        List<StopEvent> events = listener.awaitReports(1);
        assertTrue(events.stream().anyMatch(e -> e.type() == StopEvent.Type.SERVICE_STOP_REQUESTED
                && e.step().equals(Steps.STOP_AUTOSTART_SERVICE) && e.instance().equals("auto")));
        assertTrue(events.stream().noneMatch(e -> e.type() == StopEvent.Type.SIGNAL_SENT));
        assertFalse(agentRunning("auto"));
        assertFalse(fake("auto").exists("ha.pid"), "stale files removed after the confirmed exit");
    }

    @Test
    void aLaunchdManagedInstanceIsBootedOutOfItsGuiDomain() throws Exception {
        StandInServiceManager launchctl = StandInServiceManager.launchctl(tools);

        StopReport report = stopManaged("mac", launchctl, true, options());

        assertTrue(Files.exists(launchctl.entries().resolve("io.lima-vm.autostart.mac.plist")), "registered there");
        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertEquals(List.of("print gui/501/io.lima-vm.autostart.mac", "bootout gui/501/io.lima-vm.autostart.mac"),
                launchctl.calls());
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.STOP_AUTOSTART_SERVICE).get(0).status());
        assertTrue(report.steps(Steps.INTERRUPT_HOST_AGENT).isEmpty(), report.describe());
        assertFalse(agentRunning("mac"));
    }

    @Test
    void aHangingServiceManagerIsBoundedAndTheNormalStopFollows() throws Exception {
        StandInServiceManager systemctl = StandInServiceManager.systemctl(tools)
                .behaviour(StandInServiceManager.Behaviour.HANG_ON_STOP);
        StopOptions options = options().toBuilder().commandTimeout(Duration.ofMillis(500)).build();

        StopReport report = stopManaged("wedged", systemctl, true, options);

        StepResult step = report.steps(Steps.STOP_AUTOSTART_SERVICE).get(0);
        assertEquals(StepStatus.TIMED_OUT, step.status(), step.message());
        assertTrue(step.message().contains("did not finish within 500 ms"), step.message());
        assertTrue(step.message().contains("run `" + tools.resolve("systemctl") + " --user stop lima-vm@wedged.service`"),
                step.message());
        // The normal stop took over: the agent got our interrupt and shut down.
        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.INTERRUPT_HOST_AGENT).get(0).status());
        assertFalse(agentRunning("wedged"));
        assertFalse(TestProcesses.isRunning(TestProcesses.readPid(systemctl.hangPidFile())), "hung stand-in killed");
        assertFalse(TestProcesses.isRunning(TestProcesses.readPid(systemctl.sleepPidFile())), "and its child");
    }

    @Test
    void aFailingServiceManagerLeavesTheStopToTheNormalPath() throws Exception {
        StandInServiceManager systemctl = StandInServiceManager.systemctl(tools)
                .behaviour(StandInServiceManager.Behaviour.FAIL_ON_STOP);

        StopReport report = stopManaged("nobus", systemctl, true, options());

        StepResult step = report.steps(Steps.STOP_AUTOSTART_SERVICE).get(0);
        assertEquals(StepStatus.FAILED, step.status(), step.message());
        assertTrue(step.message().contains("failed with exit code 1: Failed to connect to bus"), step.message());
        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.INTERRUPT_HOST_AGENT).get(0).status());
        assertFalse(agentRunning("nobus"));
    }

    @Test
    void aRegisteredButInactiveServiceIsNotStoppedThroughTheManager() throws Exception {
        StandInServiceManager systemctl = StandInServiceManager.systemctl(tools).inactive();

        StopReport report = stopManaged("manual", systemctl, true, options());

        assertEquals(List.of("--user show --property=ActiveState,MainPID lima-vm@manual.service"), systemctl.calls());
        StepResult step = report.steps(Steps.STOP_AUTOSTART_SERVICE).get(0);
        assertEquals(StepStatus.SKIPPED, step.status(), step.message());
        assertTrue(step.message().contains("the unit is inactive"), step.message());
        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.INTERRUPT_HOST_AGENT).get(0).status());
    }

    @Test
    void aServiceOfTheSameNameThatRunsAnotherProcessIsNeverStopped() throws Exception {
        // Another Lima home's instance "twin", started at login: the unit is named after the instance only.
        try (ScriptProcess otherHomesAgent = ScriptProcess.start("echo ready; while :; do sleep 1; done")) {
            for (String kind : List.of("systemd", "launchd")) {
                StandInServiceManager standIn = kind.equals("systemd") ? StandInServiceManager.systemctl(tools.resolve(kind))
                        : StandInServiceManager.launchctl(tools.resolve(kind));
                String name = "twin-" + kind;
                running(name);
                StartAtLogin manager = standIn.install(otherHomesAgent.pid());
                standIn.register(manager, name);

                StopReport report = stopper(manager).stop(fake(name).instance(), options());

                assertEquals(1, standIn.calls().size(), "asked, never told to stop: " + standIn.calls());
                StepResult step = report.steps(Steps.STOP_AUTOSTART_SERVICE).get(0);
                assertEquals(StepStatus.REFUSED, step.status(), step.message());
                assertTrue(step.message().contains("it runs PID " + otherHomesAgent.pid()), step.message());
                assertTrue(step.message().contains("another Lima home"), step.message());
                assertTrue(otherHomesAgent.isRunning(), "the other home's instance keeps running");
                // This instance is stopped the normal way.
                assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
                assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.INTERRUPT_HOST_AGENT).get(0).status());
                assertFalse(agentRunning(name));
            }
        }
    }

    @Test
    void anUnregisteredInstanceNeverRunsTheManager() throws Exception {
        StandInServiceManager systemctl = StandInServiceManager.systemctl(tools);

        StopReport report = stopManaged("plain", systemctl, false, options());

        assertEquals(List.of(), systemctl.calls());
        assertTrue(report.steps(Steps.STOP_AUTOSTART_SERVICE).isEmpty(), report.describe());
        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
    }

    @Test
    void aForcedStopAlsoGoesThroughTheManagerSoThatTheKillIsNotUndone() throws Exception {
        StandInServiceManager systemctl = StandInServiceManager.systemctl(tools);
        StopOptions forced = options().toBuilder().mode(StopMode.FORCED_ONLY).build();

        StopReport report = stopManaged("forced", systemctl, true, forced);

        assertEquals(List.of("--user show --property=ActiveState,MainPID lima-vm@forced.service", "--user stop lima-vm@forced.service"),
                systemctl.calls());
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.STOP_AUTOSTART_SERVICE).get(0).status());
        assertFalse(agentRunning("forced"));
        // Nothing was left for the forced sequence: the service manager's stop was the whole stop.
        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertTrue(report.steps(Steps.KILL_DRIVER).isEmpty() && report.steps(Steps.KILL_HOST_AGENT).isEmpty(),
                report.describe());
    }
}
