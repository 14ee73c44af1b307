package dev.lifecycle.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The tests' own view of processes, independent of the code under test; shared with other
 * modules through core's test jar.
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
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false; // reaped while we looked
        } catch (IOException e) {
            return true; // no /proc (macOS): isAlive said so
        }
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
