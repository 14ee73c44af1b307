// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2.stop;

import static dev.lifecycle.core.lima.LimaFixtures.instanceFromTemplate;
import static dev.lifecycle.core.lima.LimaFixtures.writePid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStatus;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaInstance;
import dev.lifecycle.core.lima.ListeningSockets;
import dev.lifecycle.core.lima.SleepingProcesses;
import dev.lifecycle.wsl2.StandInWsl;
import dev.lifecycle.wsl2.Wsl2VmTypeExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Windows Lima home read as {@code limactl list} reads it, with the WSL2 extension found
 * on the class path and a stand-in {@code wsl.exe}: an instance made from Lima's default
 * template with {@code vmType: wsl2}, whose host agent died (stale {@code ha.pid}, dead
 * {@code ha.sock}) while its distro runs on.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in wsl.exe is a POSIX sh script")
@Timeout(60)
class Wsl2LimaHomeTest {

    @TempDir
    Path home;
    @TempDir
    Path bin;

    private final SleepingProcesses processes = new SleepingProcesses();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        processes.close();
    }

    private Path orphanedInstance(String name) throws IOException, InterruptedException {
        Path dir = instanceFromTemplate(home, name, "default.yaml", Map.of("vmType", "wsl2"));
        writePid(dir.resolve("ha.pid"), processes.deadPid());
        ListeningSockets.dead(dir.resolve("ha.sock"));
        return dir;
    }

    private LimaHome windowsHome(Path wsl) {
        return LimaHome.of(home).withHostOs(HostOs.WINDOWS)
                .withExtensionSettings(Wsl2VmTypeExtension.ID, Map.of(Wsl2VmTypeExtension.EXECUTABLE_SETTING, wsl.toString()));
    }

    @ParameterizedTest
    @EnumSource(value = StandInWsl.Encoding.class, names = {"UTF8", "UTF16LE"})
    void aDistroRunningWithoutItsAgentIsBrokenNeverStopped(StandInWsl.Encoding encoding) throws Exception {
        Path dir = orphanedInstance("win");
        StandInWsl wsl = StandInWsl.in(bin).encoding(encoding).defaultDistro("Ubuntu").running("Ubuntu", "lima-win");

        LimaInstance found = windowsHome(wsl.install()).read("win");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(List.of("wsl2 VM is running but host agent is not: wsl.exe --list --verbose lists distro lima-win"
                + " as Running"), found.problems());
        assertEquals(List.of(StandInWsl.LIST_VERBOSE), wsl.calls(), "listing only reads");
        assertEquals(List.of("Ubuntu", "lima-win"), wsl.runningNow());
        assertTrue(Files.exists(dir.resolve("ha.sock"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void stoppingTheOrphanedDistroMakesItListAsStopped() throws Exception {
        Path dir = orphanedInstance("win");
        StandInWsl wsl = StandInWsl.in(bin).encoding(StandInWsl.Encoding.UTF16LE).running("lima-win");
        Path exe = wsl.install();
        LimaInstance found = windowsHome(exe).read("win");

        StopReport report = InstanceStoppers.builder()
                .extensionSettings(Wsl2VmTypeExtension.ID, Map.of(Wsl2VmTypeExtension.EXECUTABLE_SETTING, exe.toString()))
                .build().stop(found.instance(), StopOptions.defaults());

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(List.of(), wsl.runningNow(), "the distro was terminated");
        assertFalse(Files.exists(dir.resolve("ha.sock"), LinkOption.NOFOLLOW_LINKS), "the dead socket went");
        assertFalse(Files.exists(dir.resolve("ha.pid"), LinkOption.NOFOLLOW_LINKS));
        LimaInstance after = windowsHome(exe).read("win");
        assertEquals(InstanceStatus.STOPPED, after.status(), after.problems().toString());
    }

    @Test
    void aDistroThatIsNotRegisteredIsUninitialized() throws Exception {
        instanceFromTemplate(home, "fresh", "default.yaml", Map.of("vmType", "wsl2"));
        Path exe = StandInWsl.in(bin).running("Ubuntu").install();

        LimaInstance found = windowsHome(exe).read("fresh");

        assertEquals(InstanceStatus.UNINITIALIZED, found.status(), found.problems().toString());
    }

    @Test
    void offWindowsAWsl2InstanceIsBrokenWithoutAskingWsl() throws Exception {
        orphanedInstance("win");
        StandInWsl wsl = StandInWsl.in(bin).running("lima-win");
        Path exe = wsl.install();

        LimaInstance found = windowsHome(exe).withHostOs(HostOs.LINUX).read("win");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertTrue(found.problems().get(0).startsWith("vmType wsl2 cannot run on Linux"), found.problems().toString());
        assertEquals(List.of(), wsl.calls(), "Lima does not ask a driver its OS does not have");
    }
}
