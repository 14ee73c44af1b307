// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ListBenchmarkTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void theFloorReadsEveryInstanceDirectoryAndItsProcesses(@TempDir Path home) throws Exception {
        String self = Long.toString(ProcessHandle.current().pid());
        for (String name : new String[] {"a", "b", "c"}) {
            Path dir = Files.createDirectory(home.resolve(name));
            Files.writeString(dir.resolve("lima.yaml"), BenchLimaHome.LIMA_YAML);
            Files.writeString(dir.resolve("ha.pid"), self + "\n");
            Files.writeString(dir.resolve("qemu.pid"), self + "\n");
        }
        assertEquals(3, ListBenchmark.plainRead(home));
    }
}
