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
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.spi.ProcessControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the driver and the host agent are gone, the helpers that still listen on the
 * instance's sockets — Lima's ssh ControlMaster ({@code ssh.sock}, {@code ControlPersist=yes}),
 * virtiofsd, swtpm — are stopped: found by the socket they hold, never by name. Real
 * processes listen on real sockets; the search needs a provider that can do it (Linux),
 * elsewhere the report says it was not searched.
 */
public class SocketHoldersStopTest {

    @TempDir
    Path home;

    private final List<AutoCloseable> started = new ArrayList<>();
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
        return InstanceStoppers.builder().processControl(control).extensions(List.of()).build();
    }

    private boolean searches() {
        return control.socketListeners(home).gaps().isEmpty();
    }

    private FakeInstance fake(String name) throws Exception {
        FakeInstance f = new FakeInstance(home, name);
        started.add(f);
        return f;
    }

    private JavaStandIn holder(FakeInstance f, String socket, String bind, String onInterrupt) throws Exception {
        Path err = home.resolve(f.name + "-" + socket + ".err");
        String path = f.dir.resolve(socket).toString();
        JavaStandIn h = "ignore-interrupt".equals(onInterrupt)
                ? JavaStandIn.startIgnoringInterrupts(StandInSocketHolder.class, err, path, bind)
                : JavaStandIn.start(StandInSocketHolder.class, err, path, bind);
        started.add(h);
        return h;
    }

    private static StopOptions forced() {
        return StopOptions.builder().mode(StopMode.FORCED_ONLY).killTimeout(Duration.ofSeconds(5)).build();
    }

    private static List<StepResult> holderSteps(StopReport r) {
        return r.steps(Steps.STOP_SOCKET_HOLDERS);
    }

    @Test
    void helpersLeftOnTheInstanceSocketsAreStoppedAfterAForcedStop() throws Exception {
        assumeTrue(searches(), "provider '" + control.id() + "' cannot search socket listeners");
        FakeInstance f = fake("leftovers");
        f.driver(ScriptProcess.ignoring());
        f.agent(ScriptProcess.ignoring());
        // ssh binds ssh.sock.<random> and renames it; this one also ignores the interrupt.
        JavaStandIn ssh = holder(f, "ssh.sock", "rename", "ignore-interrupt");
        JavaStandIn virtiofsd = holder(f, "virtiofsd-0.sock", "direct", "exit-on-interrupt");
        ScriptProcess bystander = ScriptProcess.start(ScriptProcess.ignoring());
        started.add(bystander);

        StopReport report = stopper().stop(f.instance(), forced());

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertTrue(ssh.awaitExit(5) && virtiofsd.awaitExit(5), report.describe());
        List<StepResult> steps = holderSteps(report);
        assertEquals(2, steps.size(), report.describe());
        StepResult sshStep = steps.stream().filter(s -> s.pid().getAsLong() == ssh.pid()).findFirst().orElseThrow();
        assertEquals(StepStatus.SUCCEEDED, sshStep.status());
        assertTrue(sshStep.message().contains("ssh.sock") && sshStep.message().contains("killed and confirmed gone"),
                sshStep.message());
        StepResult fsStep = steps.stream().filter(s -> s.pid().getAsLong() == virtiofsd.pid()).findFirst().orElseThrow();
        assertTrue(fsStep.message().contains("exited after the interrupt"), fsStep.message());
        List<String> order = report.steps().stream().map(StepResult::step).distinct().collect(Collectors.toList());
        assertTrue(order.indexOf(Steps.KILL_HOST_AGENT) < order.indexOf(Steps.STOP_SOCKET_HOLDERS)
                && order.indexOf(Steps.STOP_SOCKET_HOLDERS) < order.indexOf(Steps.REMOVE_STALE_FILES), order.toString());
        assertFalse(f.exists("ssh.sock") || f.exists("virtiofsd-0.sock"));
        assertTrue(bystander.isRunning(), "a process holding none of the instance's sockets is left alone");
    }

    @Test
    void aHelperOfAnAlreadyStoppedInstanceIsStoppedToo() throws Exception {
        assumeTrue(searches(), "provider '" + control.id() + "' cannot search socket listeners");
        FakeInstance f = fake("crashed");
        f.deadAgent();
        JavaStandIn swtpm = holder(f, "swtpm.sock", "direct", "exit-on-interrupt");

        StopReport report = stopper().stop(f.instance(), StopOptions.defaults());

        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        assertTrue(swtpm.awaitExit(5), report.describe());
        assertEquals(StepStatus.SUCCEEDED, holderSteps(report).get(0).status(), report.describe());
    }

    @Test
    void aProcessOnTheVmsOwnSocketIsTheInstanceStillRunningSoNothingIsTornDown() throws Exception {
        assumeTrue(searches(), "provider '" + control.id() + "' cannot search socket listeners");
        FakeInstance f = fake("unrecorded");
        f.deadAgent();
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);
        // A QEMU whose qemu.pid is gone: it still listens on qmp.sock.
        JavaStandIn qemu = JavaStandIn.start(StandInQemu.class, home.resolve("unrecorded-qemu.err"),
                StandInQemu.arguments(f.dir, "ignore"));
        started.add(qemu);
        Files.delete(f.dir.resolve("qemu.pid"));

        StopReport report = stopper().stop(f.instance(), StopOptions.defaults());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertTrue(qemu.isRunning(), "the instance's own process is not a leftover");
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/data/in_use_by")), "its disk stays locked");
        assertTrue(f.exists("qmp.sock") && f.exists("ha.pid"), "its files stay");
        StepResult unlock = report.steps(Steps.UNLOCK_DISKS).get(0);
        assertEquals(StepStatus.REFUSED, unlock.status());
        assertTrue(unlock.message().contains("PID " + qemu.pid() + " listens on qmp.sock"), unlock.message());
    }

    @Test
    void gracefulOnlyInterruptsAHelperButNeverKillsIt() throws Exception {
        assumeTrue(searches(), "provider '" + control.id() + "' cannot search socket listeners");
        FakeInstance f = fake("gentle");
        f.deadAgent();
        JavaStandIn ssh = holder(f, "ssh.sock", "rename", "ignore-interrupt");

        StopReport report = stopper().stop(f.instance(), StopOptions.builder().mode(StopMode.GRACEFUL_ONLY)
                .killTimeout(Duration.ofMillis(300)).build());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertTrue(ssh.isRunning());
        StepResult step = holderSteps(report).get(0);
        assertEquals(StepStatus.FAILED, step.status());
        assertTrue(step.message().contains("graceful only"), step.message());
    }

    @Test
    void withoutASearchTheReportSaysSo() throws Exception {
        assumeTrue(!searches(), "provider '" + control.id() + "' can search socket listeners");
        FakeInstance f = fake("unsearched");
        f.deadAgent();

        StopReport report = stopper().stop(f.instance(), StopOptions.defaults());

        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        StepResult step = holderSteps(report).get(0);
        assertEquals(StepStatus.SKIPPED, step.status());
        assertTrue(step.message().contains("not searched") && step.message().contains(control.id()), step.message());
    }
}
