// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.testing.TestProcesses;
import dev.lifecycle.spi.ProcessControl;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host agent is gone and QEMU still runs: the stop asks the guest to power off over
 * QMP, as the agent does, instead of SIGINT (which ends QEMU at once, the guest unaware).
 * A stand-in QEMU speaks QMP on the instance's {@code qmp.sock}; a real
 * {@code qemu-system-x86_64} without a guest shows the path where nothing answers ACPI.
 */
public class OrphanedQemuStopTest {

    @TempDir
    Path home;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<StopEvent> events = new CopyOnWriteArrayList<>();
    private final ProcessControl control = control();

    /**
     * The provider under test; the Unix module runs this suite again with its own.
     *
     * @return the provider
     */
    protected ProcessControl control() {
        return new JdkProcessControl();
    }

    @AfterEach
    void killLeftovers() throws Exception {
        for (AutoCloseable c : started) {
            c.close();
        }
    }

    private InstanceStopper stopper() {
        return InstanceStoppers.builder().processControl(control).extensions(List.of()).listener(events::add).build();
    }

    private static StopOptions grace(Duration grace) {
        return StopOptions.builder().gracePeriod(grace).killTimeout(Duration.ofSeconds(5))
                .commandTimeout(Duration.ofSeconds(10)).build();
    }

    /** An instance whose agent crashed and whose QEMU (the stand-in) still runs. */
    private FakeInstance orphan(String name, String behaviour) throws Exception {
        FakeInstance f = new FakeInstance(home, name);
        started.add(f);
        f.deadAgent();
        JavaStandIn qemu = JavaStandIn.start(StandInQemu.class, home.resolve(name + "-qemu.err"),
                StandInQemu.arguments(f.dir, behaviour));
        started.add(qemu);
        f.driverFromPidFile("qemu.pid");
        return f;
    }

    private static List<String> stepNames(StopReport r) {
        return r.steps().stream().map(StepResult::step).distinct().collect(Collectors.toList());
    }

    private static StepResult only(StopReport r, String step) {
        List<StepResult> steps = r.steps(step);
        assertEquals(1, steps.size(), r.describe());
        return steps.get(0);
    }

    @Test
    void aGuestThatPowersOffIsAGracefulStopWithoutAnySignal() throws Exception {
        FakeInstance f = orphan("poweroff", "power-off");
        long qemu = f.instance().driver().orElseThrow().pid();

        StopReport report = stopper().stop(f.instance(), grace(Duration.ofSeconds(30)));

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertTrue(Files.exists(f.dir.resolve("powerdown.received")), "the stand-in got system_powerdown");
        StepResult powerdown = only(report, Steps.POWERDOWN_VM);
        assertEquals(StepStatus.SUCCEEDED, powerdown.status(), report.describe());
        assertEquals(qemu, powerdown.pid().getAsLong());
        StepResult await = only(report, Steps.AWAIT_GRACEFUL_EXIT);
        assertTrue(await.message().contains("the guest powered off"), await.message());
        assertTrue(report.steps(Steps.INTERRUPT_HOST_AGENT).isEmpty() && report.steps(Steps.INTERRUPT_DRIVER).isEmpty(),
                "QEMU is not sent SIGINT: " + report.describe());
        assertTrue(report.steps(Steps.KILL_DRIVER).isEmpty(), report.describe());
        assertTrue(events.stream().noneMatch(e -> e.type() == StopEvent.Type.KILL_SENT));
        assertFalse(f.exists("qemu.pid") || f.exists("qmp.sock") || f.exists("ha.pid"), "stale files removed");
        assertTrue(f.exists("lima.yaml") && f.exists("disk"));
    }

    @Test
    void aGuestThatIgnoresThePowerButtonIsForcedAfterTheGracePeriod() throws Exception {
        FakeInstance f = orphan("deaf", "ignore");
        long qemu = f.instance().driver().orElseThrow().pid();

        StopReport report = stopper().stop(f.instance(), grace(Duration.ofMillis(500)));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(List.of(Steps.IDENTIFY, Steps.POWERDOWN_VM, Steps.AWAIT_GRACEFUL_EXIT, Steps.KILL_DRIVER,
                Steps.STOP_DRIVER_SERVERS, Steps.UNLOCK_DISKS, Steps.KILL_HOST_AGENT, Steps.STOP_SOCKET_HOLDERS,
                Steps.REMOVE_STALE_FILES), stepNames(report));
        assertTrue(Files.exists(f.dir.resolve("powerdown.received")));
        assertEquals(StepStatus.TIMED_OUT, only(report, Steps.AWAIT_GRACEFUL_EXIT).status());
        StepResult kill = only(report, Steps.KILL_DRIVER);
        assertEquals(StepStatus.SUCCEEDED, kill.status(), report.describe());
        assertEquals(qemu, kill.pid().getAsLong());
        assertFalse(f.exists("qmp.sock"));
    }

    @Test
    void qemuEndedBySomethingElseWhileTheStopWaitsIsNotAGracefulStop() throws Exception {
        FakeInstance f = orphan("raced", "ignore");
        long qemu = f.instance().driver().orElseThrow().pid();
        InstanceStopper stopper = InstanceStoppers.builder().processControl(control).extensions(List.of())
                .listener(e -> {
                    if (e.type() == StopEvent.Type.SIGNAL_SENT && e.step().equals(Steps.POWERDOWN_VM)) {
                        // Another stop kills QEMU while this one waits for the guest.
                        ProcessHandle.of(qemu).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }).build();

        StopReport report = stopper.stop(f.instance(), grace(Duration.ofSeconds(30)));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        StepResult await = only(report, Steps.AWAIT_GRACEFUL_EXIT);
        assertTrue(await.message().contains("exited while the stop waited")
                && await.message().contains("the guest did not power off"), await.message());
        assertTrue(report.steps(Steps.KILL_DRIVER).isEmpty(), "this stop killed nothing: " + report.describe());
    }

    @Test
    void withoutAQmpSocketTheStopSaysSoAndForces() throws Exception {
        FakeInstance f = new FakeInstance(home, "noqmp");
        started.add(f);
        f.deadAgent();
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());

        StopReport report = stopper().stop(f.instance(), grace(Duration.ofSeconds(30)));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        StepResult powerdown = only(report, Steps.POWERDOWN_VM);
        assertEquals(StepStatus.FAILED, powerdown.status());
        assertTrue(powerdown.message().contains("no qmp.sock") && powerdown.message().contains("forced stop"),
                powerdown.message());
        assertTrue(report.steps(Steps.AWAIT_GRACEFUL_EXIT).isEmpty(), "nothing to wait for: " + report.describe());
        assertTrue(driver.awaitExit(5));
    }

    @Test
    void gracefulOnlyWithoutAQmpSocketLeavesQemuRunning() throws Exception {
        FakeInstance f = new FakeInstance(home, "patient");
        started.add(f);
        f.deadAgent();
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());

        StopReport report = stopper().stop(f.instance(), StopOptions.builder().mode(StopMode.GRACEFUL_ONLY)
                .gracePeriod(Duration.ofSeconds(30)).build());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertTrue(only(report, Steps.POWERDOWN_VM).message().contains("graceful only"), report.describe());
        assertTrue(driver.isRunning());
        assertTrue(f.exists("qemu.pid"));
    }

    @Test
    void aSymlinkedQmpSocketIsNeverFollowed() throws Exception {
        FakeInstance f = new FakeInstance(home, "linked");
        started.add(f);
        f.deadAgent();
        f.driver(ScriptProcess.ignoring());
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        started.add(JavaStandIn.start(StandInQemu.class, home.resolve("elsewhere-qemu.err"),
                StandInQemu.arguments(elsewhere, "power-off")));
        Files.createSymbolicLink(f.dir.resolve("qmp.sock"), elsewhere.resolve("qmp.sock"));

        StopReport report = stopper().stop(f.instance(), grace(Duration.ofMillis(300)));

        assertTrue(only(report, Steps.POWERDOWN_VM).message().contains("symlink"), report.describe());
        assertFalse(Files.exists(elsewhere.resolve("powerdown.received")), "another VM's QEMU was never asked");
        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
    }

    /**
     * A real QEMU with no guest ({@code -machine none}): {@code system_powerdown} is
     * accepted but nothing answers the power button, so the stop must end in the forced
     * path and say so. Skipped where QEMU is not installed
     * ({@code apt-get install qemu-system-x86} installs it).
     */
    @Test
    void aRealQemuWithoutAGuestEndsInTheForcedPath() throws Exception {
        Path qemuBinary = onPath("qemu-system-x86_64");
        assumeTrue(qemuBinary != null, "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
        FakeInstance f = new FakeInstance(home, "real");
        started.add(f);
        f.deadAgent();
        // -daemonize: the launcher exits only once QEMU is set up, its QMP socket listening
        // (an event to wait for), and the daemon is no child of this JVM, as Lima's orphan isn't.
        Process launcher = new ProcessBuilder(qemuBinary.toString(), "-machine", "none", "-nodefaults",
                "-display", "none", "-monitor", "none", "-serial", "none", "-daemonize",
                "-qmp", "unix:" + f.dir.resolve("qmp.sock") + ",server=on,wait=off",
                "-pidfile", f.dir.resolve("qemu.pid").toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("qemu.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "QEMU did not daemonize in 30 s");
        assertEquals(0, launcher.exitValue(), "QEMU failed to start" + readLog(home.resolve("qemu.log")));
        long pid = f.driverFromPidFile("qemu.pid").pid();
        started.add(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));

        StopReport report = stopper().stop(f.instance(), grace(Duration.ofSeconds(1)));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe() + readLog(home.resolve("qemu.log")));
        assertEquals(StepStatus.SUCCEEDED, only(report, Steps.POWERDOWN_VM).status(), report.describe());
        assertEquals(StepStatus.TIMED_OUT, only(report, Steps.AWAIT_GRACEFUL_EXIT).status(), report.describe());
        assertEquals(StepStatus.SUCCEEDED, only(report, Steps.KILL_DRIVER).status(), report.describe());
        assertFalse(TestProcesses.isRunning(pid), "QEMU is gone");
        assertFalse(f.exists("qmp.sock") || f.exists("qemu.pid"));
    }

    private static String readLog(Path log) {
        try {
            return "\nqemu.log:\n" + Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
