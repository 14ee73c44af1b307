// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import static dev.lifecycle.core.testing.TestProcesses.isRunning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.VmType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stops the distro of instance {@code dev} through a stand-in {@code wsl.exe} script. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in wsl.exe is a POSIX sh script")
class Wsl2DistroTerminationTest {

    private static final String LIST = StandInWsl.LIST;
    private static final String TERMINATE = StandInWsl.terminate("lima-dev");
    private static final Duration HANG_TIMEOUT = Duration.ofSeconds(2);
    /** Far below the 1000 s the stand-in sleeps: only a hang can exceed it. */
    private static final Duration HANG_BOUND = Duration.ofSeconds(10);

    private final Wsl2VmTypeExtension extension = new Wsl2VmTypeExtension();
    private final LeftoverProcesses leftovers = new LeftoverProcesses();

    @TempDir
    Path home;
    @TempDir
    Path bin;

    @AfterEach
    void killLeftovers() {
        leftovers.close();
    }

    private Instance instance() {
        return Instance.builder("dev", home).vmType(VmType.WSL2).build();
    }

    private RecordingContext context(Path wsl, Duration commandTimeout) {
        return new RecordingContext(StopOptions.builder().commandTimeout(commandTimeout).build(),
                Map.of(Wsl2VmTypeExtension.EXECUTABLE_SETTING, wsl.toString()));
    }

    private RecordingContext context(Path wsl) {
        return context(wsl, Duration.ofSeconds(30));
    }

    @Test
    void terminatesARunningDistroAndConfirmsItStopped() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("Ubuntu", "lima-dev", "lima-other");
        RecordingContext context = context(wsl.install());

        StepResult step = extension.stopVm(instance(), context);

        assertEquals(StepStatus.SUCCEEDED, step.status(), step.message());
        assertEquals("terminate-distro", step.step());
        assertTrue(step.message().contains("lima-dev terminated and confirmed stopped"), step.message());
        assertFalse(step.duration().isNegative());
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of("Ubuntu", "lima-other"), wsl.runningNow(), "other distros are left alone");
        assertEquals(List.of(StopEvent.Type.KILL_SENT), context.eventTypes(), "the core publishes the step's end");
        assertTrue(context.events().stream().allMatch(e -> e.step().equals("terminate-distro")));
        // The instance is in the report's and the event's field; the messages say what happened.
        assertEquals("distro lima-dev terminated and confirmed stopped", step.message());
        assertEquals(List.of("terminating distro lima-dev (wsl.exe --terminate)"),
                context.events().stream().map(RecordingContext.Event::message).collect(Collectors.toList()));
    }

    @Test
    void leavesAStoppedDistroAlone() throws IOException {
        // lima-devel starts with lima-dev: only an exact name counts.
        StandInWsl wsl = StandInWsl.in(bin).running("Ubuntu", "lima-devel");
        RecordingContext context = context(wsl.install());

        StepResult step = extension.stopVm(instance(), context);

        assertEquals(StepStatus.SKIPPED, step.status(), step.message());
        assertTrue(step.message().contains("distro lima-dev is not running"), step.message());
        assertEquals(List.of(LIST), wsl.calls(), "no --terminate call");
        assertEquals(List.of("Ubuntu", "lima-devel"), wsl.runningNow());
        assertEquals(List.of(), context.eventTypes(), "nothing to announce; the core publishes the step's end");
    }

    @Test
    void treatsOlderWslSayingNothingRunsWithAnErrorCodeAsStopped() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).encoding(StandInWsl.Encoding.UTF16LE)
                .behaviour(StandInWsl.Behaviour.LIST_SAYS_NONE_RUNNING_WITH_ERROR);
        RecordingContext context = context(wsl.install());

        StepResult step = extension.stopVm(instance(), context);

        assertEquals(StepStatus.SKIPPED, step.status(), step.message());
        assertEquals(List.of(LIST), wsl.calls());
    }

    @ParameterizedTest
    @EnumSource(StandInWsl.Encoding.class)
    void parsesTheListingInEveryEncoding(StandInWsl.Encoding encoding) throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).encoding(encoding).running("Ubuntu", "lima-dev");
        RecordingContext context = context(wsl.install());

        StepResult step = extension.stopVm(instance(), context);

        // SUCCEEDED needs both listings read right: the first saw lima-dev, the second did not.
        assertEquals(StepStatus.SUCCEEDED, step.status(), step.message());
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of("Ubuntu"), wsl.runningNow());
    }

    @Test
    void timesOutOnAHangingWslAndLeavesNoProcessBehind() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("lima-dev").behaviour(StandInWsl.Behaviour.HANG_ON_LIST);
        RecordingContext context = context(wsl.install(), HANG_TIMEOUT);
        long before = System.nanoTime();

        StepResult step = extension.stopVm(instance(), context);

        Duration took = Duration.ofNanos(System.nanoTime() - before);
        long script = leftovers.readPid(wsl.wslPidFile());
        long sleep = leftovers.readPid(wsl.sleepPidFile());
        assertEquals(StepStatus.TIMED_OUT, step.status(), step.message());
        assertTrue(step.message().contains("wsl.exe --list --running --quiet"), step.message());
        assertTrue(step.message().contains("lima-dev"), step.message());
        assertTrue(step.message().contains("2 s"), step.message());
        assertTrue(took.compareTo(HANG_TIMEOUT.plus(HANG_BOUND)) < 0, "returned after " + took);
        assertFalse(isRunning(script), "the stand-in (PID " + script + ") was killed");
        assertFalse(isRunning(sleep), "its child sleep (PID " + sleep + ") was killed");
        assertEquals(List.of(LIST), wsl.calls(), "no --terminate after a failed listing");
        assertEquals(List.of(), context.eventTypes(), "nothing to announce; the core publishes the step's end");
    }

    @Test
    void timesOutOnAHangingTerminate() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("lima-dev").behaviour(StandInWsl.Behaviour.HANG_ON_TERMINATE);
        RecordingContext context = context(wsl.install(), HANG_TIMEOUT);

        StepResult step = extension.stopVm(instance(), context);

        long script = leftovers.readPid(wsl.wslPidFile());
        long sleep = leftovers.readPid(wsl.sleepPidFile());
        assertEquals(StepStatus.TIMED_OUT, step.status(), step.message());
        assertTrue(step.message().contains("wsl.exe --terminate lima-dev"), step.message());
        assertFalse(isRunning(script), "the stand-in (PID " + script + ") was killed");
        assertFalse(isRunning(sleep), "its child sleep (PID " + sleep + ") was killed");
        assertEquals(List.of(LIST, TERMINATE), wsl.calls());
        assertEquals(List.of(StopEvent.Type.KILL_SENT), context.eventTypes(), "the core publishes the step's end");
    }

    @Test
    void failsClearlyWhenTheDistroStaysRunning() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("lima-dev")
                .behaviour(StandInWsl.Behaviour.TERMINATE_HAS_NO_EFFECT);
        RecordingContext context = context(wsl.install());

        StepResult step = extension.stopVm(instance(), context);

        assertEquals(StepStatus.FAILED, step.status(), step.message());
        assertTrue(step.message().contains("distro lima-dev still running after wsl.exe --terminate; the instance's"
                + " disks stay locked and its files stay in place"), step.message());
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of(StopEvent.Type.KILL_SENT), context.eventTypes(), "the core publishes the step's end");
    }

    @ParameterizedTest
    @EnumSource(value = StandInWsl.Encoding.class, names = {"UTF8", "UTF16LE", "UTF16LE_BOM"})
    void treatsNoDistributionWithTheSuppliedNameAsGone(StandInWsl.Encoding encoding) throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).encoding(encoding).running("lima-dev")
                .behaviour(StandInWsl.Behaviour.TERMINATE_SAYS_NO_SUCH_DISTRO);
        RecordingContext context = context(wsl.install());

        StepResult step = extension.stopVm(instance(), context);

        assertEquals(StepStatus.SUCCEEDED, step.status(), step.message());
        assertTrue(step.message().contains("gone"), step.message());
        assertEquals(List.of(LIST, TERMINATE), wsl.calls());
    }

    @Test
    void failsWithAConfigurationHintWhenWslExeIsMissing() {
        Path missing = bin.resolve("nowhere").resolve("wsl.exe");
        RecordingContext context = context(missing);

        StepResult step = extension.stopVm(instance(), context);

        assertEquals(StepStatus.FAILED, step.status(), step.message());
        assertTrue(step.message().contains(missing.toString()), step.message());
        assertTrue(step.message().contains("setting executable"), step.message());
        assertTrue(step.message().contains("-Dlifecycle.wsl.exe"), step.message());
        assertTrue(step.message().contains("lima-dev"), step.message());
        assertEquals(List.of(), context.eventTypes(), "nothing to announce; the core publishes the step's end");
    }

    @Test
    void failsWhenTheListingFails() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("lima-dev").behaviour(StandInWsl.Behaviour.LIST_FAILS);
        RecordingContext context = context(wsl.install());

        StepResult step = extension.stopVm(instance(), context);

        assertEquals(StepStatus.FAILED, step.status(), step.message());
        assertTrue(step.message().contains("Catastrophic failure"), step.message());
        assertTrue(step.message().contains("cannot tell whether distro lima-dev"), step.message());
        assertEquals(List.of(LIST), wsl.calls());
    }

    @Test
    void runsEveryCallWithWslUtf8AndTheCommandTimeout() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("lima-dev");
        Duration timeout = Duration.ofSeconds(17);
        Path exe = wsl.install();
        RecordingContext context = context(exe, timeout);

        extension.stopVm(instance(), context);

        List<RecordingContext.Command> commands = context.commandsRun();
        assertEquals(3, commands.size());
        for (RecordingContext.Command c : commands) {
            assertEquals(Map.of("WSL_UTF8", "1"), c.environment());
            assertEquals(timeout, c.timeout());
            assertEquals(exe.toString(), c.command().get(0));
        }
        assertTrue(wsl.calls().stream().allMatch(line -> line.endsWith("|WSL_UTF8=1")), wsl.calls().toString());
    }

    @Test
    void confirmsAStoppedDistroAfterAGracefulStop() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("Ubuntu");
        RecordingContext context = context(wsl.install());

        StepResult step = extension.ensureVmStopped(instance(), context);

        assertEquals(StepStatus.SUCCEEDED, step.status(), step.message());
        assertEquals("confirm-distro-stopped", step.step());
        assertTrue(step.message().contains("confirmed stopped"), step.message());
        assertEquals(List.of(LIST), wsl.calls());
        assertEquals(List.of(), context.eventTypes(), "nothing to announce; the core publishes the step's end");
    }

    @Test
    void terminatesADistroStillRunningAfterAGracefulStop() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).encoding(StandInWsl.Encoding.UTF16LE).running("lima-dev");
        RecordingContext context = context(wsl.install());

        StepResult step = extension.ensureVmStopped(instance(), context);

        assertEquals(StepStatus.SUCCEEDED, step.status(), step.message());
        assertEquals("confirm-distro-stopped", step.step());
        assertEquals(List.of(LIST, TERMINATE, LIST), wsl.calls());
        assertEquals(List.of(), wsl.runningNow());
        assertEquals(List.of(StopEvent.Type.KILL_SENT), context.eventTypes(), "the core publishes the step's end");
    }

    @Test
    void failsAfterAGracefulStopWhenTheDistroStaysRunning() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("lima-dev")
                .behaviour(StandInWsl.Behaviour.TERMINATE_HAS_NO_EFFECT);
        RecordingContext context = context(wsl.install());

        StepResult step = extension.ensureVmStopped(instance(), context);

        assertEquals(StepStatus.FAILED, step.status(), step.message());
        assertTrue(step.message().contains("still running after wsl.exe --terminate"), step.message());
    }
}
