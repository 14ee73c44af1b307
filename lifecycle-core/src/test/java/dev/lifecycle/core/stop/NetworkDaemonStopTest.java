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
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.testing.RecordingListener;
import dev.lifecycle.spi.ProcessControl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network daemons after the stops, as {@code limactl stop} reconciles them: real stand-in
 * daemons that write (and on a clean exit remove) their own PID files where Lima's do, real
 * instances that use them, and the Lima home read as Lima reads it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in daemons and agents are POSIX sh scripts trapping signals")
public class NetworkDaemonStopTest {

    @TempDir
    Path home;
    @TempDir
    Path varRun;

    private final List<FakeInstance> fakes = new ArrayList<>();
    private final List<ScriptProcess> daemons = new ArrayList<>();
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
        daemons.forEach(ScriptProcess::close);
    }

    private InstanceStopper stopper() {
        return InstanceStoppers.builder().processControl(control()).extensions(List.of())
                .withoutStartAtLogin().listener(listener).build();
    }

    private static StopOptions grace(long millis) {
        return StopOptions.builder().gracePeriod(Duration.ofMillis(millis)).killTimeout(Duration.ofSeconds(5)).build();
    }

    /** A running instance (agent and driver shut down on SIGINT/SIGTERM) whose lima.yaml has these networks. */
    private FakeInstance running(String name, String networks) throws Exception {
        FakeInstance f = new FakeInstance(home, name);
        fakes.add(f);
        Files.writeString(f.dir.resolve("lima.yaml"), "vmType: qemu\nnetworks:\n" + networks);
        ScriptProcess driver = f.driver(ScriptProcess.graceful(home, name + "-driver", ""));
        f.agent(ScriptProcess.graceful(home, name + "-agent", "kill -TERM " + driver.pid() + ";"));
        return f;
    }

    /**
     * A network daemon that writes its PID file itself (and removes it on a clean exit), with
     * the command line Lima starts it with, which names that file.
     */
    private ScriptProcess daemon(Path pidFile, boolean ignoresInterrupt, List<String> commandLine) throws Exception {
        Files.createDirectories(pidFile.getParent());
        String file = "'" + pidFile + "'";
        String onSignal = ignoresInterrupt ? "trap '' INT TERM; " : "trap 'rm -f " + file.replace("'", "'\\''")
                + "; exit 0' INT TERM; ";
        ScriptProcess p = ScriptProcess.start(onSignal + "echo $$ > " + file + "; echo ready; while :; do sleep 0.02; done",
                commandLine);
        daemons.add(p);
        return p;
    }

    /** {@code limactl usernet -p <pid file> …} as {@code pkg/networks/usernet} starts it, for network user-v2. */
    private ScriptProcess usernet(boolean ignoresInterrupt) throws Exception {
        Path dir = usernetPidFile().getParent();
        return daemon(usernetPidFile(), ignoresInterrupt, List.of("limactl", "usernet", "-p", usernetPidFile().toString(),
                "-e", dir.resolve("user-v2_ep.sock").toString(), "--listen-qemu", dir.resolve("user-v2_qemu.sock").toString(),
                "--listen", dir.resolve("user-v2_fd.sock").toString(), "--subnet", "192.168.104.0/24"));
    }

    private Path usernetPidFile() {
        return home.resolve("_networks/user-v2/usernet_user-v2.pid");
    }

    private static StepResult networkStep(StopReport report) {
        List<StepResult> steps = report.steps(Steps.STOP_NETWORK_DAEMONS);
        assertEquals(1, steps.size(), report.describe());
        return steps.get(0);
    }

    @Test
    void aSharedDaemonKeepsRunningUntilTheLastInstanceUsingItIsStopped() throws Exception {
        FakeInstance a = running("a", "- lima: user-v2\n");
        FakeInstance b = running("b", "- lima: user-v2\n");
        ScriptProcess usernet = usernet(false);

        StopReport first = stopper().stop(a.instance(), grace(10_000));

        assertEquals(Outcome.STOPPED_GRACEFULLY, first.outcome(), first.describe());
        StepResult kept = networkStep(first);
        assertEquals(StepStatus.SKIPPED, kept.status(), kept.message());
        assertEquals("usernet daemon of network 'user-v2' left running: still used by instance 'b', which may still"
                + " run", kept.message());
        assertTrue(usernet.isRunning(), "b still uses the network");
        assertTrue(Files.exists(usernetPidFile()));

        StopReport second = stopper().stop(b.instance(), grace(10_000));

        assertEquals(Outcome.STOPPED_GRACEFULLY, second.outcome(), second.describe());
        StepResult stopped = networkStep(second);
        assertEquals(StepStatus.SUCCEEDED, stopped.status(), stopped.message());
        assertEquals(usernet.pid(), stopped.pid().getAsLong());
        assertTrue(stopped.message().startsWith("usernet daemon of network 'user-v2' stopped"), stopped.message());
        assertTrue(usernet.awaitExit(5), "the daemon exited");
        assertFalse(Files.exists(usernetPidFile()), "the daemon removed its own PID file on its clean exit");
        List<StopEvent> events = listener.awaitReports(2);
        int daemonStopped = indexOf(events, StopEvent.Type.NETWORK_DAEMON_STOPPED, "b");
        assertTrue(daemonStopped >= 0, events.toString());
        assertEquals(usernet.pid(), events.get(daemonStopped).pid().getAsLong());
        assertTrue(daemonStopped < indexOf(events, StopEvent.Type.STOP_FINISHED, "b"), "the report ends after the network step");
    }

    @Test
    void stopAllStopsTheDaemonOnceAndEveryUsersReportSaysSo() throws Exception {
        FakeInstance a = running("a", "- lima: user-v2\n");
        FakeInstance b = running("b", "- lima: user-v2\n  macAddress: \"52:55:55:12:34:56\"\n");
        FakeInstance plain = new FakeInstance(home, "plain");
        fakes.add(plain);
        ScriptProcess usernet = usernet(false);

        List<StopReport> reports = stopper().stopAll(List.of(a.instance(), b.instance(), plain.instance()),
                grace(10_000)).join();

        StepResult forA = networkStep(reports.get(0));
        assertEquals(StepStatus.SUCCEEDED, forA.status(), forA.message());
        assertEquals(forA, networkStep(reports.get(1)), "the same step in both users' reports");
        assertTrue(reports.get(2).steps(Steps.STOP_NETWORK_DAEMONS).isEmpty(), "plain uses no network");
        assertTrue(usernet.awaitExit(5));
        List<StopEvent> events = listener.awaitReports(3);
        long interrupts = events.stream().filter(e -> e.type() == StopEvent.Type.SIGNAL_SENT
                && e.pid().getAsLong() == usernet.pid()).map(StopEvent::instance).distinct().count();
        assertEquals(2, interrupts, "each user's listener view shows the interrupt of the daemon");
    }

    @Test
    void aDaemonWhosePidFailsIdentityIsNeverSignalledAndItsFileIsKept() throws Exception {
        FakeInstance a = running("a", "- lima: user-v2\n");
        ScriptProcess stranger = daemon(home.resolve("elsewhere.pid"), false, List.of());
        // The PID file predates the process it names: the PID was reused.
        Files.createDirectories(usernetPidFile().getParent());
        Files.writeString(usernetPidFile(), stranger.pid() + "\n", StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(usernetPidFile(), FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        StopReport report = stopper().stop(a.instance(), grace(10_000));

        StepResult step = networkStep(report);
        assertEquals(StepStatus.REFUSED, step.status(), step.message());
        assertEquals(stranger.pid(), step.pid().getAsLong());
        assertTrue(step.message().contains("never signalled"), step.message());
        assertTrue(stranger.isRunning(), "a process that fails identity is never signalled");
        assertTrue(Files.exists(usernetPidFile()), "the daemon's PID file is never deleted");
        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), "the instance itself stopped");
    }

    @Test
    void aPidFileNamingAProcessOfAnotherInstanceIsNeverSignalled() throws Exception {
        FakeInstance a = running("a", "- lima: user-v2\n");
        // Fresh PID file, so the start time fits: only what the process refers to tells it apart.
        ScriptProcess other = daemon(home.resolve("other.pid"), false, ScriptProcess.limaHostAgent(home.resolve("other")));
        Files.createDirectories(usernetPidFile().getParent());
        Files.writeString(usernetPidFile(), other.pid() + "\n", StandardCharsets.US_ASCII);

        StopReport report = stopper().stop(a.instance(), grace(10_000));

        StepResult step = networkStep(report);
        assertEquals(StepStatus.REFUSED, step.status(), step.message());
        assertTrue(step.message().contains("another instance's directory"), step.message());
        assertTrue(other.isRunning(), "a process that refers to another instance is never signalled");
        assertTrue(Files.exists(usernetPidFile()));
    }

    @Test
    void aDaemonThatIgnoresTheInterruptIsKilledAndConfirmedGone() throws Exception {
        FakeInstance a = running("a", "- lima: user-v2\n");
        ScriptProcess usernet = usernet(true);

        StopReport report = stopper().stop(a.instance(), grace(300));

        StepResult step = networkStep(report);
        assertEquals(StepStatus.SUCCEEDED, step.status(), step.message());
        assertTrue(step.message().contains("killed after it was still running 300 ms after the interrupt"),
                step.message());
        assertFalse(usernet.isRunning());
        assertTrue(listener.awaitReports(1).stream().anyMatch(e -> e.type() == StopEvent.Type.KILL_SENT
                && e.step().equals(Steps.STOP_NETWORK_DAEMONS) && e.pid().getAsLong() == usernet.pid()));
        assertTrue(Files.exists(usernetPidFile()), "the killed daemon's PID file is left for Lima, never deleted here");
    }

    @Test
    void gracefulOnlyNeverKillsADaemon() throws Exception {
        FakeInstance a = running("a", "- lima: user-v2\n");
        ScriptProcess usernet = usernet(true);
        StopOptions gracefulOnly = grace(300).toBuilder().mode(StopMode.GRACEFUL_ONLY).build();

        StopReport report = stopper().stop(a.instance(), gracefulOnly);

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        StepResult step = networkStep(report);
        assertEquals(StepStatus.TIMED_OUT, step.status(), step.message());
        assertTrue(step.message().contains("graceful only was requested, so it is not killed"), step.message());
        assertTrue(usernet.isRunning());
    }

    @Test
    void aSocketVmnetDaemonFromNetworksYamlStaysWhileASocketEntryStillUsesIt() throws Exception {
        Files.createDirectories(home.resolve("_config"));
        Files.writeString(home.resolve("_config/networks.yaml"), "paths:\n  varRun: " + varRun + "\nnetworks:\n"
                + "  shared:\n    mode: shared\n    gateway: 192.168.105.1\n"
                + "  user-v2:\n    mode: user-v2\n    gateway: 192.168.104.1\n");
        FakeInstance a = running("a", "- lima: shared\n");
        running("c", "- socket: " + varRun.resolve("socket_vmnet.shared") + "\n");
        Path vmnetPid = varRun.resolve("shared_socket_vmnet.pid");
        ScriptProcess vmnet = daemon(vmnetPid, false, List.of("/opt/socket_vmnet/bin/socket_vmnet", "--pidfile=" + vmnetPid,
                "--socket-group=admin", "--vmnet-mode=shared", "--vmnet-gateway=192.168.105.1",
                varRun.resolve("socket_vmnet.shared").toString()));

        StopReport report = stopper().stop(a.instance(), grace(10_000));

        StepResult step = networkStep(report);
        assertEquals(StepStatus.SKIPPED, step.status(), step.message());
        assertEquals("socket_vmnet daemon of network 'shared' left running: still used by instance 'c', which may"
                + " still run", step.message());
        assertTrue(vmnet.isRunning());

        StopReport c = stopper().stop(fakes.get(1).instance(), grace(10_000));

        assertEquals(StepStatus.SUCCEEDED, networkStep(c).status(), c.describe());
        assertTrue(vmnet.awaitExit(5));
    }

    @Test
    void anUnreadableNetworksYamlKeepsEveryDaemonAndSaysWhy() throws Exception {
        Files.createDirectories(home.resolve("_config"));
        Files.writeString(home.resolve("_config/networks.yaml"), "networks: [unclosed\n");
        FakeInstance a = running("a", "- lima: user-v2\n");
        ScriptProcess usernet = usernet(false);

        StopReport report = stopper().stop(a.instance(), grace(10_000));

        StepResult step = networkStep(report);
        assertEquals(StepStatus.REFUSED, step.status(), step.message());
        assertTrue(step.message().contains("networks.yaml: cannot read"), step.message());
        assertTrue(usernet.isRunning());
    }

    @Test
    void anInstanceThatMayRunWithUnreadableNetworksKeepsEveryDaemon() throws Exception {
        FakeInstance a = running("a", "- lima: user-v2\n");
        FakeInstance broken = running("broken", "- lima: user-v2\n");
        Files.writeString(broken.dir.resolve("lima.yaml"), "networks: {lima: [\n");
        ScriptProcess usernet = usernet(false);

        StopReport report = stopper().stop(a.instance(), grace(10_000));

        StepResult step = networkStep(report);
        assertEquals(StepStatus.REFUSED, step.status(), step.message());
        assertTrue(step.message().contains("instance 'broken' may still run (BROKEN) and its networks cannot be read"),
                step.message());
        assertTrue(usernet.isRunning());
    }

    @Test
    void noDaemonRunningIsSaidOnceAndNothingIsSignalled() throws Exception {
        FakeInstance a = running("a", "- lima: user-v2\n- vzNAT: true\n");

        StopReport report = stopper().stop(a.instance(), grace(10_000));

        StepResult step = networkStep(report);
        assertEquals(StepStatus.SKIPPED, step.status(), step.message());
        assertTrue(step.message().startsWith("no usernet daemon of network 'user-v2' is running"), step.message());
        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome());
    }

    private static int indexOf(List<StopEvent> events, StopEvent.Type type, String instance) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type() == type && events.get(i).instance().equals(instance)) {
                return i;
            }
        }
        return -1;
    }
}
