package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.VmType;
import dev.lifecycle.examples.demo.SimulatedInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifecycle list}: status, VM type, PIDs, and problems of Broken instances. */
class ListCommandTest {

    @TempDir
    Path home;

    private final SimulatedHomes homes = new SimulatedHomes();

    @AfterEach
    void killLeftovers() {
        homes.close();
    }

    @Test
    void showsStatusVmTypePidsAndProblems() throws Exception {
        homes.create(home, SimulatedInstance.graceful("running", VmType.VZ, Duration.ZERO).withDisk("data"));
        long agentPid = homes.processes.pids().get(0);
        Files.createDirectories(home.resolve("stopped"));
        Files.writeString(home.resolve("stopped").resolve("lima.yaml"), "vmType: qemu\n");
        Files.createDirectories(home.resolve("broken"));
        Files.writeString(home.resolve("broken").resolve("lima.yaml"), "vmType: krunkit\n");
        Files.writeString(home.resolve("broken").resolve("ha.pid"), "not-a-pid\n");

        Cli.Result r = Cli.run("list", "--lima-home", home.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+STATUS\\s+VM TYPE\\s+PIDS\\s+DISKS"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "running\\s+Running\\s+vz\\s+ha\\.pid=" + agentPid + " vz\\.pid=" + agentPid + "\\s+data")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("stopped\\s+Stopped\\s+qemu\\s+-\\s+-")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("broken\\s+Broken\\s+krunkit\\s+.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+! .*ha\\.pid.*not-a-pid.*")), r.out());
    }

    @Test
    void saysSoWhenTheHomeIsEmpty() {
        Cli.Result r = Cli.run("list", "--lima-home", home.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("No instances in " + home.toAbsolutePath() + ".", r.out().strip());
    }
}
