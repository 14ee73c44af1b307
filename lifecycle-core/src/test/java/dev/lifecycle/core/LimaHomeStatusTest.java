package dev.lifecycle.core;

import static dev.lifecycle.core.lima.LimaFixtures.instanceFromTemplate;
import static dev.lifecycle.core.lima.LimaFixtures.instanceWithYaml;
import static dev.lifecycle.core.lima.LimaFixtures.writePid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.VmType;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.lima.SleepingProcesses;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
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
    private final JdkProcessControl jdk = new JdkProcessControl();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        processes.close();
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
        Process agent = processes.agentOf(dir);
        Process driver = processes.qemuOf(dir);
        writePid(dir.resolve("ha.pid"), agent.pid());
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
        Process agent = processes.agentOf(dir);
        Process driver = processes.qemuOf(dir); // names its instance, as QEMU and krunkit do; VZ is the agent
        writePid(dir.resolve("ha.pid"), agent.pid());
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
        writePid(dir.resolve("ha.pid"), processes.agentOf(dir).pid());
        writePid(dir.resolve("qemu.pid"), processes.deadPid());

        LimaInstance found = read("vm");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(List.of("host agent is running but driver is not"), found.problems());
    }

    @Test
    void onlyTheAgentAliveWithoutDriverPidFileIsBroken() throws IOException {
        Path dir = qemuInstance("vm");
        writePid(dir.resolve("ha.pid"), processes.agentOf(dir).pid());

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
        Process agent = processes.agentOf(dir);
        writePid(dir.resolve("ha.pid"), agent.pid());
        writePid(dir.resolve("vz.pid"), agent.pid());

        LimaInstance found = read("mac");

        assertEquals(InstanceStatus.RUNNING, found.status(), found.problems().toString());
        assertEquals(List.of(agent.pid()), found.instance().processes().stream().map(ProcessRef::pid).toList());
    }

    @Test
    void wsl2IsDecidedByTheAgentAlone() throws IOException, InterruptedException {
        Path running = instanceWithYaml(home, "up", "vmType: wsl2\n");
        writePid(running.resolve("ha.pid"), processes.agentOf(running).pid());
        Path stopped = instanceWithYaml(home, "down", "vmType: wsl2\n");
        writePid(stopped.resolve("ha.pid"), processes.deadPid());

        assertEquals(InstanceStatus.RUNNING, read("up").status(), read("up").problems().toString());
        assertEquals(InstanceStatus.STOPPED, read("down").status(), read("down").problems().toString());
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
        writePid(up.resolve("ha.pid"), processes.agentOf(up).pid());
        writePid(up.resolve("qemu.pid"), processes.qemuOf(up).pid());
        Path down = instanceFromTemplate(home, "down", "docker.yaml");
        writePid(down.resolve("ha.pid"), processes.deadPid());
        Path half = qemuInstance("half");
        writePid(half.resolve("ha.pid"), processes.agentOf(half).pid());

        List<LimaInstance> all = LimaHome.of(home, jdk).list();

        assertEquals(List.of("down", "half", "up"), all.stream().map(LimaInstance::name).toList());
        assertEquals(List.of(InstanceStatus.STOPPED, InstanceStatus.BROKEN, InstanceStatus.RUNNING),
                all.stream().map(LimaInstance::status).toList());
    }
}
