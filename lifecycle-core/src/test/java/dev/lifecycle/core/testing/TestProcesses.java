// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.ProcStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tests' own view of processes, independent of the providers under test (procfs is read
 * with the API's {@link ProcStat}, which has tests of its own); shared with other modules
 * through core's test jar.
 */
public final class TestProcesses {

    private TestProcesses() {
    }

    /**
     * Whether a process runs, counting a zombie as exited — as the library does. The JDK
     * counts a zombie as alive, and reaps even its own children asynchronously, so
     * {@link ProcessHandle#isAlive()} alone can say true for a process that has exited.
     *
     * @param pid the PID
     * @return whether a process with this PID runs and is not a zombie
     */
    public static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !ProcStat.hasExited(pid);
    }

    /**
     * Reads a PID a test script wrote.
     *
     * @param file the file; the test fails if the script did not write it
     * @return the PID
     * @throws IOException if the file cannot be read
     */
    public static long readPid(Path file) throws IOException {
        assertTrue(Files.exists(file), "the script wrote " + file);
        return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }
}
