// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import static dev.lifecycle.core.lima.LimaFixtures.instanceFromTemplate;
import static dev.lifecycle.core.lima.LimaFixtures.instanceWithYaml;
import static dev.lifecycle.core.lima.LimaFixtures.writePid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.VmType;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.lima.ListeningSockets;
import dev.lifecycle.core.lima.SleepingProcesses;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.CommandContext;
import dev.lifecycle.spi.ExtensionContext;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.VmStatus;
import dev.lifecycle.spi.VmTypeExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Running, Stopped and Broken as Lima decides them, with real processes as agent and driver. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "stand-in processes are `sleep`, PID-file symlinks need privileges")
class LimaHomeStatusTest {

    @TempDir
    Path home;

    private final SleepingProcesses processes = new SleepingProcesses();
    private final ListeningSockets sockets = new ListeningSockets();
    private final JdkProcessControl jdk = new JdkProcessControl();

    @AfterEach
    void stopProcesses() throws InterruptedException, IOException {
        processes.close();
        sockets.close();
    }

    /** A live host agent: a process in ha.pid and a socket that accepts connections at ha.sock. */
    private Process liveAgent(Path dir) throws IOException {
        Process agent = processes.agentOf(dir);
        writePid(dir.resolve("ha.pid"), agent.pid());
        sockets.listen(dir.resolve("ha.sock"));
        return agent;
    }

    private LimaInstance read(String name) {
        return LimaHome.of(home, jdk).read(name);
    }

    private Path qemuInstance(String name) throws IOException {
        return instanceWithYaml(home, name, "vmType: qemu\n");
    }

    @Test
    void liveAgentAndDriverIsRunning() throws IOException {
        Path dir = qemuInstance("vm");
        Process agent = liveAgent(dir);
        Process driver = processes.qemuOf(dir);
        writePid(dir.resolve("qemu.pid"), driver.pid());

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.RUNNING, found.status(), found.problems().toString());
        assertEquals(List.of(), found.problems());
        assertEquals(Optional.of(agent.pid()), found.instance().hostAgent().map(ProcessRef::pid));
        assertEquals(Optional.of(driver.pid()), found.instance().driver().map(ProcessRef::pid));
        assertTrue(agent.isAlive() && driver.isAlive(), "reading must not touch the processes");
    }

    @Test
    void theDefaultTemplateRunsOnThePlatformDefaultDriver() throws IOException {
        Path dir = instanceFromTemplate(home, "default", "default.yaml");
        liveAgent(dir);
        Process driver = processes.qemuOf(dir); // names its instance, as QEMU and krunkit do; VZ is the agent
        writePid(dir.resolve(VmType.platformDefault().pidFileName()), driver.pid());

        LimaInstance found = read("default");

        assertEquals(InstanceStatus.RUNNING, found.status(), found.problems().toString());
    }

    @Test
    void stalePidFilesOfDeadProcessesAreStopped() throws IOException, InterruptedException {
        Path dir = qemuInstance("vm");
        writePid(dir.resolve("ha.pid"), processes.deadPid());
        writePid(dir.resolve("qemu.pid"), processes.deadPid());

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.STOPPED, found.status(), found.problems().toString());
        assertEquals(List.of(), found.problems());
        // The stale references stay in the instance: the stopper removes the files.
        assertTrue(found.instance().hostAgent().isPresent() && found.instance().driver().isPresent());
    }

    @Test
    void noPidFilesAtAllIsStopped() throws IOException {
        qemuInstance("vm");

        LimaInstance found = read("vm");

        assertEquals(new LimaInstance(found.instance(), InstanceStatus.STOPPED, List.of()), found);
        assertEquals(List.of(), found.instance().processes());
    }

    @Test
    void onlyTheAgentAliveIsBroken() throws IOException, InterruptedException {
        Path dir = qemuInstance("vm");
        liveAgent(dir);
        writePid(dir.resolve("qemu.pid"), processes.deadPid());

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(List.of("host agent is running but driver is not"), found.problems());
    }

    @Test
    void onlyTheAgentAliveWithoutDriverPidFileIsBroken() throws IOException {
        Path dir = qemuInstance("vm");
        liveAgent(dir);

        assertEquals(List.of("host agent is running but driver is not"), read("vm").problems());
    }

    @Test
    void onlyTheDriverAliveIsBroken() throws IOException {
        Path dir = qemuInstance("vm");
        writePid(dir.resolve("qemu.pid"), processes.qemuOf(dir).pid());

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(List.of("qemu driver is running but host agent is not"), found.problems());
    }

    @Test
    void vzRecordsTheAgentAsDriverAndIsRunning() throws IOException {
        Path dir = instanceWithYaml(home, "mac", "vmType: vz\n");
        Process agent = liveAgent(dir);
        writePid(dir.resolve("vz.pid"), agent.pid());

        LimaInstance found = LimaHome.of(home, jdk).withHostOs(HostOs.MACOS).read("mac");

        assertEquals(InstanceStatus.RUNNING, found.status(), found.problems().toString());
        assertEquals(List.of(agent.pid()), found.instance().processes().stream().map(ProcessRef::pid).toList());
    }

    @Test
    void aLiveAgentThatDoesNotAnswerOnHaSockIsBroken() throws IOException {
        Path missing = qemuInstance("nosock");
        writePid(missing.resolve("ha.pid"), processes.agentOf(missing).pid());
        writePid(missing.resolve("qemu.pid"), processes.qemuOf(missing).pid());
        Path dead = qemuInstance("deadsock");
        writePid(dead.resolve("ha.pid"), processes.agentOf(dead).pid());
        writePid(dead.resolve("qemu.pid"), processes.qemuOf(dead).pid());
        ListeningSockets.dead(dead.resolve("ha.sock"));

        for (String name : List.of("nosock", "deadsock")) {
            LimaInstance found = read(name);
            assertEquals(InstanceStatus.BROKEN, found.status(), name);
            assertEquals(1, found.problems().size(), found.problems().toString());
            assertTrue(found.problems().get(0).startsWith("host agent is running but does not answer on "
                    + home.resolve(name).resolve("ha.sock")), found.problems().get(0));
        }
    }

    @Test
    void aDeadSocketOfADeadAgentIsJustAStaleFile() throws IOException, InterruptedException {
        Path dir = qemuInstance("vm");
        writePid(dir.resolve("ha.pid"), processes.deadPid());
        writePid(dir.resolve("qemu.pid"), processes.deadPid());
        ListeningSockets.dead(dir.resolve("ha.sock"));

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.STOPPED, found.status(), found.problems().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vz", "krunkit", "wsl2"})
    void aVmTypeThatCannotRunOnThisOsIsBrokenWithLimasReasonAndItsPidFilesAreStillRead(String type)
            throws IOException, InterruptedException {
        Path dir = instanceWithYaml(home, "elsewhere", "vmType: " + type + "\n");
        long agent = processes.deadPid();
        writePid(dir.resolve("ha.pid"), agent);
        HostOs here = type.equals("wsl2") ? HostOs.MACOS : HostOs.WINDOWS;

        LimaInstance found = LimaHome.of(home, jdk).withHostOs(here).read("elsewhere");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(1, found.problems().size(), found.problems().toString());
        assertTrue(found.problems().get(0).startsWith("vmType " + type + " cannot run on "
                + (here == HostOs.MACOS ? "macOS" : "Windows")), found.problems().get(0));
        assertTrue(found.problems().get(0).endsWith("unknown or unsupported VM type: " + type + ")"),
                found.problems().get(0));
        assertEquals(Optional.of(agent), found.instance().hostAgent().map(ProcessRef::pid), "the stop still needs it");
    }

    @Test
    void withoutAnExtensionAWsl2VmsStateIsUnknownAndSaidSo() throws IOException {
        Path dir = instanceWithYaml(home, "win", "vmType: wsl2\n");

        LimaInstance found = LimaHome.of(home, jdk).withHostOs(HostOs.WINDOWS).withExtensions(List.of()).read("win");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(List.of("no VM-type extension reads the state of wsl2 VMs, so whether this instance's VM runs"
                + " is not known; add dev.lifecycle:lifecycle-wsl2 to the class path"), found.problems());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void anExtensionThatReportsNoStateLeavesItToTheAgent() throws IOException, InterruptedException {
        Path up = instanceWithYaml(home, "up", "vmType: wsl2\n");
        liveAgent(up);
        Path down = instanceWithYaml(home, "down", "vmType: wsl2\n");
        writePid(down.resolve("ha.pid"), processes.deadPid());
        LimaHome windows = LimaHome.of(home, jdk).withHostOs(HostOs.WINDOWS)
                .withExtensions(List.of(new ReportingExtension(Optional.empty())));

        assertEquals(InstanceStatus.RUNNING, windows.read("up").status(), windows.read("up").problems().toString());
        assertEquals(InstanceStatus.STOPPED, windows.read("down").status(), windows.read("down").problems().toString());
    }

    @Test
    void theVmStateAnExtensionReportsIsHeldAgainstTheAgent() throws IOException, InterruptedException {
        Path withAgent = instanceWithYaml(home, "agent", "vmType: wsl2\n");
        liveAgent(withAgent);
        Path withoutAgent = instanceWithYaml(home, "orphan", "vmType: wsl2\n");
        writePid(withoutAgent.resolve("ha.pid"), processes.deadPid());

        for (VmStatus.State state : VmStatus.State.values()) {
            LimaHome windows = LimaHome.of(home, jdk).withHostOs(HostOs.WINDOWS).withExtensions(
                    List.of(new ReportingExtension(Optional.of(new VmStatus(state, "distro says " + state)))));
            LimaInstance agent = windows.read("agent");
            LimaInstance orphan = windows.read("orphan");
            switch (state) {
                case RUNNING -> {
                    assertEquals(InstanceStatus.RUNNING, agent.status(), agent.problems().toString());
                    assertEquals(InstanceStatus.BROKEN, orphan.status(), "a VM running without its agent is never Stopped");
                    assertEquals(List.of("wsl2 VM is running but host agent is not: distro says RUNNING"),
                            orphan.problems());
                }
                case STOPPED -> {
                    assertEquals(List.of("host agent is running but its wsl2 VM is not: distro says STOPPED"),
                            agent.problems());
                    assertEquals(InstanceStatus.STOPPED, orphan.status(), orphan.problems().toString());
                }
                case UNINITIALIZED -> {
                    assertEquals(InstanceStatus.BROKEN, agent.status());
                    assertEquals(InstanceStatus.UNINITIALIZED, orphan.status(), orphan.problems().toString());
                }
                case INSTALLING -> {
                    assertEquals(InstanceStatus.INSTALLING, agent.status(), agent.problems().toString());
                    assertEquals(InstanceStatus.INSTALLING, orphan.status(), orphan.problems().toString());
                }
                case UNKNOWN, BROKEN -> {
                    assertEquals(List.of("distro says " + state), agent.problems());
                    assertEquals(List.of("distro says " + state), orphan.problems());
                    assertEquals(InstanceStatus.BROKEN, orphan.status());
                }
            }
        }
    }

    @Test
    void anExtensionThatThrowsMakesTheStateUnknownNeverStopped() throws IOException {
        instanceWithYaml(home, "win", "vmType: wsl2\n");
        VmTypeExtension throwing = new ReportingExtension(Optional.empty()) {
            @Override
            public Optional<VmStatus> status(Instance instance, CommandContext context) {
                throw new IllegalStateException("extension bug");
            }
        };

        LimaInstance found = LimaHome.of(home, jdk).withHostOs(HostOs.WINDOWS).withExtensions(List.of(throwing))
                .read("win");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertTrue(found.problems().get(0).contains("extension bug"), found.problems().toString());
    }

    /** An extension for wsl2 whose tool says one fixed thing; it never stops anything. */
    private static class ReportingExtension implements VmTypeExtension {
        private final Optional<VmStatus> answer;

        ReportingExtension(Optional<VmStatus> answer) {
            this.answer = answer;
        }

        @Override
        public String id() {
            return "reporting";
        }

        @Override
        public boolean supports(VmType vmType) {
            return VmType.WSL2.equals(vmType);
        }

        @Override
        public StepResult stopVm(Instance instance, ExtensionContext context) {
            throw new AssertionError("listing must not stop a VM");
        }

        @Override
        public StepResult ensureVmStopped(Instance instance, ExtensionContext context) {
            throw new AssertionError("listing must not stop a VM");
        }

        @Override
        public Optional<VmStatus> status(Instance instance, CommandContext context) {
            if (context.commandTimeout().compareTo(StopOptions.DEFAULT_COMMAND_TIMEOUT) != 0) {
                throw new AssertionError("the listing's command timeout is the stop's default");
            }
            return answer;
        }
    }

    @Test
    void aReusedPidDoesNotMakeTheInstanceRunning() throws IOException {
        Path dir = qemuInstance("vm");
        Process stranger1 = processes.start();
        Process stranger2 = processes.start();
        Path ha = writePid(dir.resolve("ha.pid"), stranger1.pid());
        Path qemu = writePid(dir.resolve("qemu.pid"), stranger2.pid());
        // Written an hour before these processes started: the PIDs now name strangers.
        FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(ha, anHourAgo);
        Files.setLastModifiedTime(qemu, anHourAgo);

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.STOPPED, found.status(), found.problems().toString());
        assertTrue(stranger1.isAlive() && stranger2.isAlive());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "-5", "0", " 12", "12 ", "1234567890123456789012345678901234567890"})
    void anInvalidAgentPidFileIsBrokenWithAProblemAndNoRef(String content) throws IOException, InterruptedException {
        Path dir = qemuInstance("vm");
        Path ha = Files.writeString(dir.resolve("ha.pid"), content, StandardCharsets.US_ASCII);
        writePid(dir.resolve("qemu.pid"), processes.deadPid());

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(Optional.empty(), found.instance().hostAgent());
        assertEquals(1, found.problems().size(), found.problems().toString());
        assertTrue(found.problems().get(0).contains(ha.toString()), found.problems().get(0));
    }

    @Test
    void aSymlinkedPidFileIsFollowedAsLimaFollowsIt() throws IOException {
        Path dir = qemuInstance("vm");
        Process agent = processes.agentOf(dir);
        Process driver = processes.qemuOf(dir);
        Path elsewhere = writePid(home.resolve("elsewhere.pid"), agent.pid());
        Files.createSymbolicLink(dir.resolve("ha.pid"), elsewhere);
        writePid(dir.resolve("qemu.pid"), driver.pid());
        sockets.listen(dir.resolve("ha.sock"));

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.RUNNING, found.status(), found.problems().toString());
        assertEquals(Optional.of(agent.pid()), found.instance().hostAgent().map(ProcessRef::pid));
    }

    @Test
    void aSymlinkedPidFileLeadingToAnotherInstancesAgentIsNotRunning() throws IOException {
        Path dir = qemuInstance("vm");
        Path other = qemuInstance("other");
        Process othersAgent = processes.agentOf(other);
        Path othersPid = writePid(other.resolve("ha.pid"), othersAgent.pid());
        Files.createSymbolicLink(dir.resolve("ha.pid"), othersPid);

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.STOPPED, found.status(), found.problems().toString());
        assertTrue(othersAgent.isAlive());
    }

    @Test
    void aDirectoryNamedHaPidIsBroken() throws IOException {
        Path dir = qemuInstance("vm");
        Files.createDirectory(dir.resolve("ha.pid"));

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(Optional.empty(), found.instance().hostAgent());
        assertTrue(found.problems().get(0).contains("ha.pid is a directory, not a regular file"),
                found.problems().toString());
    }

    @Test
    void anInvalidDriverPidFileIsBrokenEvenWithBothStopped() throws IOException {
        Path dir = qemuInstance("vm");
        Path qemu = Files.writeString(dir.resolve("qemu.pid"), "x\n");

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(Optional.empty(), found.instance().driver());
        assertTrue(found.problems().get(0).contains(qemu.toString()), found.problems().toString());
    }

    @Test
    void unknownIdentityCountsAsRunningButIsReportedAsBroken() throws IOException {
        Path dir = qemuInstance("vm");
        writePid(dir.resolve("ha.pid"), 4242);
        sockets.listen(dir.resolve("ha.sock"));
        writePid(dir.resolve("qemu.pid"), 4243);
        ProcessControl unsure = new ProcessControl() {
            @Override
            public String id() {
                return "unsure";
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public Availability availability() {
                return Availability.ok();
            }

            @Override
            public ProcessLookup find(ProcessRef ref) {
                return new ProcessLookup.Unknown("PID " + ref.pid() + ": access denied");
            }
        };

        LimaInstance found = LimaHome.of(home, unsure).read("vm");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(2, found.problems().size(), found.problems().toString());
        assertTrue(found.problems().get(0).startsWith("host agent PID 4242 (from ha.pid): cannot tell"),
                found.problems().get(0));
        assertTrue(found.problems().get(0).endsWith("PID 4242: access denied"), found.problems().get(0));
        assertTrue(found.problems().get(1).startsWith("qemu driver PID 4243 (from qemu.pid)"), found.problems().get(1));
    }

    @Test
    void listReportsEachInstancesOwnStatus() throws IOException, InterruptedException {
        Path up = qemuInstance("up");
        liveAgent(up);
        writePid(up.resolve("qemu.pid"), processes.qemuOf(up).pid());
        Path down = instanceFromTemplate(home, "down", "docker.yaml");
        writePid(down.resolve("ha.pid"), processes.deadPid());
        Path half = qemuInstance("half");
        liveAgent(half);

        List<LimaInstance> all = LimaHome.of(home, jdk).list();

        assertEquals(List.of("down", "half", "up"), all.stream().map(LimaInstance::name).toList());
        assertEquals(List.of(InstanceStatus.STOPPED, InstanceStatus.BROKEN, InstanceStatus.RUNNING),
                all.stream().map(LimaInstance::status).toList());
    }
}
