// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import static dev.lifecycle.core.lima.LimaFixtures.instanceFromTemplate;
import static dev.lifecycle.core.lima.LimaFixtures.writePid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.api.VmType;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.lima.LimaFixtures;
import dev.lifecycle.core.lima.ListeningSockets;
import dev.lifecycle.core.lima.SleepingProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Lima home laid out as Lima 2.0–2.2 write it, built from Lima's own templates (copied
 * into the test resources) with real processes: read as {@code limactl list} reads it and
 * stopped as {@code limactl stop -f} would, with our safety rules. WSL2 is in the WSL2
 * module's {@code Wsl2LimaHomeTest} (it needs the extension).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in processes are POSIX sh")
class LimaTwoHomeTest {

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

    private static StopOptions forced() {
        return StopOptions.builder().mode(StopMode.FORCED_ONLY).killTimeout(Duration.ofSeconds(10)).build();
    }

    private StopReport stop(LimaInstance instance) {
        return InstanceStoppers.builder().processControl(jdk).extensions(List.of()).build()
                .stop(instance.instance(), forced());
    }

    private static boolean exists(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void aWindowsQemuInstanceWithoutVmTypeKeepsItsQemuPidAndItsQemuIsKilledFirst() throws Exception {
        Path dir = instanceFromTemplate(home, "win", "default.yaml");
        Process agent = processes.agentOf(dir);
        Process qemu = processes.qemuOf(dir);
        writePid(dir.resolve("ha.pid"), agent.pid());
        writePid(dir.resolve("qemu.pid"), qemu.pid());
        sockets.listen(dir.resolve("ha.sock"));
        Files.writeString(dir.resolve("lima-version"), "2.0.3\n");

        LimaInstance found = LimaHome.of(home, jdk).withHostOs(HostOs.WINDOWS).read("win");

        assertEquals(VmType.QEMU, found.instance().vmType(), "Lima's default on Windows");
        assertEquals(InstanceStatus.RUNNING, found.status(), found.problems().toString());
        assertEquals(Optional.of(qemu.pid()), found.instance().driver().map(ProcessRef::pid));
        StopReport report = stop(found);
        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(Optional.of("2.0.3"), report.limaVersion());
        StepResult killDriver = report.steps(Steps.KILL_DRIVER).get(0);
        assertEquals(StepStatus.SUCCEEDED, killDriver.status(), killDriver.message());
        assertEquals(qemu.pid(), killDriver.pid().getAsLong(), "QEMU, not the agent, is the driver");
        assertFalse(qemu.isAlive() || agent.isAlive());
        assertFalse(exists(dir.resolve("qemu.pid")) || exists(dir.resolve("ha.pid")) || exists(dir.resolve("ha.sock")));
        assertTrue(exists(dir.resolve("lima.yaml")) && exists(dir.resolve("lima-version")));
    }

    @Test
    void krunkitWithADriverServerOfEachLimaNamingIsListedAndEveryServerStopped() throws Exception {
        Path dir = instanceFromTemplate(home, "kr", "default.yaml", Map.of("vmType", "krunkit"));
        Process agent = processes.agentOf(dir);
        Process krunkit = processes.krunkitOf(dir);
        Process drv = processes.driverServerOf(dir);            // Lima >= 2.2
        Process ha = processes.legacyDriverServer("krunkit");   // Lima 2.1.2-2.1.4, started by the agent
        Process cli = processes.legacyDriverServer("krunkit");  // ... started by limactl
        writePid(dir.resolve("ha.pid"), agent.pid());
        writePid(dir.resolve("krunkit.pid"), krunkit.pid());
        writePid(dir.resolve("krunkit.drv.pid"), drv.pid());
        writePid(dir.resolve("lima-driver-krunkit-ha.pid"), ha.pid());
        writePid(dir.resolve("lima-driver-krunkit-cli.pid"), cli.pid());
        ListeningSockets.dead(dir.resolve("krunkit.drv.sock"));
        sockets.listen(dir.resolve("ha.sock"));

        LimaHome macos = LimaHome.of(home, jdk).withHostOs(HostOs.MACOS);
        LimaInstance found = macos.read("kr");

        assertEquals(InstanceStatus.RUNNING, found.status(), found.problems().toString());
        assertEquals(List.of(drv.pid(), cli.pid(), ha.pid()),
                found.instance().driverServers().stream().map(ProcessRef::pid).toList());
        StopReport report = stop(found);
        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        List<StepResult> servers = report.steps(Steps.STOP_DRIVER_SERVERS);
        assertEquals(List.of(drv.pid(), cli.pid(), ha.pid()), servers.stream().map(s -> s.pid().getAsLong()).toList());
        assertTrue(servers.stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED), servers.toString());
        for (Process p : List.of(agent, krunkit, drv, ha, cli)) {
            assertFalse(p.isAlive(), "PID " + p.pid() + " was stopped");
        }
        for (String file : List.of("krunkit.drv.pid", "lima-driver-krunkit-ha.pid", "lima-driver-krunkit-cli.pid",
                "krunkit.drv.sock", "krunkit.pid", "ha.pid")) {
            assertFalse(exists(dir.resolve(file)), file + " removed with the stale files");
        }
        assertEquals(InstanceStatus.STOPPED, macos.read("kr").status());
        LimaInstance onLinux = LimaHome.of(home, jdk).withHostOs(HostOs.LINUX).read("kr");
        assertEquals(List.of("vmType krunkit cannot run on Linux, only on macOS (limactl list: unknown or unsupported"
                + " VM type: krunkit)"), onLinux.problems());
    }

    @Test
    void aLiveAgentWithADeadHaSockIsBrokenAndItsStopRemovesTheSocket() throws Exception {
        Path dir = instanceFromTemplate(home, "hung", "docker.yaml", Map.of());
        Process agent = processes.agentOf(dir);
        Process qemu = processes.qemuOf(dir);
        writePid(dir.resolve("ha.pid"), agent.pid());
        writePid(dir.resolve("qemu.pid"), qemu.pid());
        ListeningSockets.dead(dir.resolve("ha.sock"));

        LimaInstance found = LimaHome.of(home, jdk).withHostOs(HostOs.LINUX).read("hung");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertTrue(found.problems().get(0).startsWith("host agent is running but does not answer on " + dir.resolve("ha.sock")),
                found.problems().toString());
        StopReport report = stop(found);
        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertFalse(exists(dir.resolve("ha.sock")));
    }

    /** Locks a disk the way Lima does: {@code _disks/<disk>/in_use_by} is a symlink to the instance directory. */
    private Path lockedDisk(String disk, Path owner) throws IOException {
        Path d = Files.createDirectories(home.resolve("_disks").resolve(disk));
        Files.writeString(d.resolve("datadisk"), "data");
        return Files.createSymbolicLink(d.resolve("in_use_by"), owner);
    }

    private void config(String file, String yaml) throws IOException {
        Files.writeString(Files.createDirectories(home.resolve("_config")).resolve(file), yaml);
    }

    @Test
    void vmTypeAndDisksComeFromDefaultInstanceAndOverrideMergedAsLimaMergesThem() throws Exception {
        // _config/default.yaml as users make it: Lima's full template, edited.
        config("default.yaml", LimaFixtures.edit("default.yaml", Map.of("vmType", "krunkit", "additionalDisks", "[shared]")));
        config("override.yaml", "vmType: qemu\nadditionalDisks:\n- name: scratch\n  format: false\n");
        Path dir = instanceFromTemplate(home, "merged", "docker.yaml", Map.of());
        Files.writeString(dir.resolve("lima.yaml"), Files.readString(dir.resolve("lima.yaml")) + "additionalDisks: [own]\n");
        Process agent = processes.agentOf(dir);
        Process qemu = processes.qemuOf(dir);
        writePid(dir.resolve("ha.pid"), agent.pid());
        writePid(dir.resolve("qemu.pid"), qemu.pid());
        sockets.listen(dir.resolve("ha.sock"));
        List<Path> locks = List.of(lockedDisk("scratch", dir), lockedDisk("own", dir), lockedDisk("shared", dir));

        LimaInstance found = LimaHome.of(home, jdk).withHostOs(HostOs.LINUX).read("merged");

        assertEquals(VmType.QEMU, found.instance().vmType(), "the override's, over the defaults' krunkit");
        assertEquals(List.of("scratch", "own", "shared"), found.instance().additionalDisks(), "override, instance, defaults");
        assertEquals(InstanceStatus.RUNNING, found.status(), found.problems().toString());
        StopReport report = stop(found);
        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(qemu.pid(), report.steps(Steps.KILL_DRIVER).get(0).pid().getAsLong());
        for (Path lock : locks) {
            assertFalse(exists(lock), lock + " released");
            assertTrue(exists(lock.resolveSibling("datadisk")), "the disk itself stays");
        }
    }

    @Test
    void anInvalidSharedConfigMakesEachInstanceBrokenNamingTheFileAndNothingCrashes() throws Exception {
        instanceFromTemplate(home, "one", "default.yaml", Map.of("vmType", "qemu"));
        instanceFromTemplate(home, "two", "docker.yaml", Map.of());
        config("override.yaml", "vmType: qemu\nvmType: vz\n");

        List<LimaInstance> all = LimaHome.of(home, jdk).withHostOs(HostOs.LINUX).list();

        assertEquals(List.of("one", "two"), all.stream().map(LimaInstance::name).toList());
        for (LimaInstance found : all) {
            assertEquals(InstanceStatus.BROKEN, found.status(), found.name());
            assertEquals(1, found.problems().size(), found.problems().toString());
            assertTrue(found.problems().get(0).startsWith(home.resolve("_config").resolve("override.yaml").toString()),
                    found.problems().get(0));
            assertEquals(Optional.of(found.problems().get(0)), found.instance().configProblem());
        }
    }

    @Test
    void aGuestOfAnotherArchitectureWithoutVmTypeIsQemuEvenOnMacos() throws Exception {
        String foreign = GUEST_OF_ANOTHER_ARCH;
        Path dir = instanceFromTemplate(home, "emulated", "default.yaml", Map.of("arch", foreign));
        writePid(dir.resolve("qemu.pid"), processes.deadPid());

        LimaInstance found = LimaHome.of(home, jdk).withHostOs(HostOs.MACOS).read("emulated");

        assertEquals(VmType.QEMU, found.instance().vmType());
        assertTrue(found.instance().driver().isPresent(), "qemu.pid is read");
    }

    /** An architecture that is not this machine's, under Lima's name. */
    private static final String GUEST_OF_ANOTHER_ARCH =
            System.getProperty("os.arch").matches("(?i)amd64|x86_64") ? "aarch64" : "x86_64";

    @Test
    void yamlSuffixedAndInvalidNamesAreReportedNeverInstancesAndNeverTouched() throws Exception {
        instanceFromTemplate(home, "default", "default.yaml");
        Path yaml = instanceFromTemplate(home, "ubuntu.yaml", "default.yaml");
        Path bad = instanceFromTemplate(home, "bad_-name", "default.yaml");
        for (Path dir : List.of(yaml, bad)) {
            writePid(dir.resolve("ha.pid"), processes.deadPid());
            Files.writeString(dir.resolve("leftover.tmp"), "");
        }
        LimaHome lima = LimaHome.of(home, jdk);

        assertEquals(List.of("default"), lima.list().stream().map(LimaInstance::name).toList());
        assertEquals(List.of(bad + ": not an instance, instance name 'bad_-name' is not a valid identifier: Lima names"
                        + " match [A-Za-z0-9]+([._-][A-Za-z0-9]+)* and have at most 76 characters; left alone",
                yaml + ": not an instance, instance name 'ubuntu.yaml' must not end with .yml or .yaml; left alone"),
                lima.misnamedDirectories());
        InstanceStoppers.builder().processControl(jdk).extensions(List.of()).build()
                .stopAll(lima.list().stream().map(LimaInstance::instance).toList(), forced()).join();
        for (Path dir : List.of(yaml, bad)) {
            assertTrue(exists(dir.resolve("ha.pid")) && exists(dir.resolve("leftover.tmp")), dir + " left alone");
        }
    }
}
