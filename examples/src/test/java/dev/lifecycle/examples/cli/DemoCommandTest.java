// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lifecycle demo} end to end, in this JVM: passes, and leaves no process and no file behind. */
class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void runsEndToEndAndLeavesNothingBehind() throws Exception {
        Object[] tree = new Object[1];

        Cli.Result r = Cli.run(Map.of(), temp.resolve("user"), tree, "demo", "--temp-parent", temp.toString());

        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Demo passed"), r.out());
        // the list table, the live lines and the summary table
        assertTrue(r.out().lines().anyMatch(l -> l.matches("ubuntu\\s+Running\\s+qemu\\s+ha\\.pid=\\d+ qemu\\.pid=\\d+.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("rocky\\s+Stopped\\s+qemu\\s+.*\\(stale\\).*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("ubuntu\\s+kill-host-agent\\s+.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("ubuntu\\s+STOPPED_FORCIBLY\\s+.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("alpine\\s+STOPPED_GRACEFULLY\\s+.*unlock-disks.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("rocky\\s+ALREADY_STOPPED\\s+.*")), r.out());

        DemoCommand demo = ((CommandLine) tree[0]).getSubcommands().get("demo").getCommand();
        List<Long> pids = demo.startedPids();
        assertEquals(10, pids.size(), "the demo starts 10 processes: " + pids);
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "PID " + pid + " still runs");
        }
        assertTrue(demo.lastHome().isPresent());
        assertFalse(Files.exists(demo.lastHome().get()), demo.lastHome().get() + " still exists");
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "nothing left in the temp directory");
        }
    }
}
